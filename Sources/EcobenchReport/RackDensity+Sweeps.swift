import EcobenchAttribute

extension RackDensity {
    /// Gives each group with a sweep (same host fingerprint, else hostname) its curve's maximum
    /// throughput, peak power and active-idle power; returns each group's curve (nil without one).
    package static func applySweeps(_ sweeps: [SweepReport], to groups: inout [Group]) -> [(SweepCurve, Int64)?] {
        groups.indices.map { i -> (SweepCurve, Int64)? in
            guard let sweep = sweeps.first(where: { ($0.host.fingerprint ?? $0.host.hostname) == groups[i].fingerprint })
            else { return nil }
            let curve = SweepCurve(points: sweep.levels.map {
                SweepPoint(levelPercent: $0.levelPercent, throughputPerSecond: $0.achievedRatePerS, powerWatts: $0.nodePowerW,
                           powerRandomUncertaintyWatts: $0.nodePowerRandomUncertaintyW, latencyP99Milliseconds: $0.latencyP99Ms,
                           saturated: $0.saturated)
            }, systematicRelative: sweep.nodeEnergy.relativeUncertainty ?? 0)
            guard let peak = curve.peak else { return nil }
            var g = groups[i]
            g.throughputUnitsPerS = peak.throughputPerSecond
            g.meanLoadPowerW = peak.powerWatts
            g.throughputPerKw = peak.throughputPerSecond / (peak.powerWatts / 1000)
            g.throughputPerRackUnit = g.rackUnits.map { peak.throughputPerSecond / $0 }
            g.rackThroughputUnitsPerS = g.rackPowerBudgetW.map { ($0 / peak.powerWatts).rounded(.down) * peak.throughputPerSecond }
            if let idle = curve.idle {
                g.idlePowerW = idle.powerWatts
                g.idlePowerPhase = nil
            }
            g.sweep = SweepGroup(sweepId: sweep.sweep.id, offeredRatePerS: 0, utilisation: 0)
            groups[i] = g
            return (curve, sweep.sweep.id)
        }
    }

    /// Yearly figures of a group with a curve: powered all year at the offered load, P(u) from the
    /// curve with u = offered ÷ the group's T_max (`SweepCurve.power(atUtilisation:)`); the idle
    /// floor is P_idle × a year, the rest load. A load above the curve (or below it without active
    /// idle) returns false: the duty-cycle model applies and `sweep` says why (no `node_power_w`).
    package static func yearlyFromCurve(_ entry: (SweepCurve, Int64), group g: inout Group, offeredRate: Double,
                                        options: Options) -> Bool {
        let curve = entry.0
        let top = curve.maxThroughputPerSecond
        let u = top > 0 ? offeredRate / top : .infinity
        var sweep = SweepGroup(sweepId: entry.1, offeredRatePerS: offeredRate, utilisation: u)
        sweep.nodePowerW = curve.power(atUtilisation: u)
        sweep.yearlyKwh = curve.yearlyEnergyKilowattHours(utilisation: u)
        if let power = sweep.nodePowerW, power.value > 0 {
            let value = offeredRate / power.value
            sweep.unitsPerJoule = SweepFigure(value: value, standardUncertainty: value * power.standardUncertainty / power.value,
                                              basis: "offered rate ÷ node power at that load; " + power.basis)
            sweep.unitsPerJoulePerRackUnit = g.rackUnits.map { value / $0 }
        }
        g.sweep = sweep
        guard let energy = sweep.yearlyKwh else { return false }
        g.yearlyIdleS = SCI.secondsPerYear
        let kwh = energy.value
        let idleKwh = min(kwh, (g.idlePowerW ?? 0) * SCI.secondsPerYear / 3.6e6)
        g.yearlyKwh = kwh
        g.yearlyIdleKwh = idleKwh
        g.yearlyLoadKwh = kwh - idleKwh
        // CO2e per joule of the group's load phases (the runs' own carbon figures), applied to the year.
        let perJoule = g.nodeEnergyPerUnitJ.map(\.mean).flatMap { e in g.co2ePerUnitG.map { e > 0 ? $0 / e : 0 } } ?? 0
        g.yearlyCo2eKg = kwh * 3.6e6 * perJoule / 1000
        g.yearlyCost = options.pricePerKwh.map { $0 * kwh }
        return true
    }
}
