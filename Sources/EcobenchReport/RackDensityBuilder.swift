import EcobenchModel
import EcobenchAttribute

extension RackDensity {
    public struct Options: Sendable {
        public var rackUnits: [Double] = []
        public var rackPowerBudgetWatts: [Double] = []
        public var utilisation: Double = 0.5
        public var pricePerKwh: Double?
        /// Sweep reports of some groups (matched by host fingerprint): their curves replace the
        /// duty-cycle model for those groups (`RackDensity+Sweeps.swift`).
        public var sweeps: [SweepReport] = []
        public init() {}
    }

    /// Groups the reports by hardware fingerprint (first appearance order) and compares them.
    public static func build(_ reports: [Report], options: Options) throws -> RackDensity {
        guard let unit = reports.first?.run.functionalUnit else { throw ComparisonError.needTwoRuns }
        if let other = reports.first(where: { $0.run.functionalUnit != unit }), let first = reports.first {
            throw ComparisonError.differentFunctionalUnits(first: first.run.id, firstUnit: unit, other: other.run.id,
                                                           otherUnit: other.run.functionalUnit)
        }
        var order: [String] = []
        var byKey: [String: [Report]] = [:]
        for report in reports {
            let key = report.host.fingerprint ?? report.host.hostname
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: []].append(report)
        }
        guard order.count >= 2 else {
            throw ComparisonError.invalidOption("--by host needs runs on at least two hardware groups (fingerprints); found one")
        }
        var estimates: [PerUnitEstimate?] = []
        var groupIdle: [IdleReference?] = []
        var groups: [Group] = []
        for (index, key) in order.enumerated() {
            let runs = byKey[key] ?? []
            let loads = runs.flatMap { r in r.phases.filter { $0.name == .load && ($0.functionalUnits ?? 0) > 0 } }
            let units = loads.reduce(0) { $0 + ($1.functionalUnits ?? 0) }
            let seconds = loads.reduce(0) { $0 + $1.durationS }
            let joules = loads.reduce(0) { $0 + $1.energyJ }
            // Per unit, kWh and CO2e alike: the ratio of sums over the load phases (`PerUnitEstimate`).
            let energyPerUnit = PerUnitEstimate(amounts: loads.map(\.energyJ), units: loads.map(\.functionalUnits))
            let co2ePerUnit = PerUnitEstimate(amounts: loads.map(\.co2eG), units: loads.map(\.functionalUnits))
            estimates.append(energyPerUnit)
            let idle = IdleReference(runs)
            let throughput = seconds > 0 ? units / seconds : 0
            let power = seconds > 0 ? joules / seconds : 0
            let rackUnits = index < options.rackUnits.count ? options.rackUnits[index] : nil
            let budget = index < options.rackPowerBudgetWatts.count ? options.rackPowerBudgetWatts[index] : nil
            groups.append(Group(
                name: "group \(index + 1)", fingerprint: key, runs: runs.map(\.run.id), host: runs.first?.host.hostname ?? "",
                nodeEnergyPerUnitJ: energyPerUnit?.statistics, co2ePerUnitG: co2ePerUnit?.ratio,
                throughputUnitsPerS: throughput, meanLoadPowerW: power,
                throughputPerKw: power > 0 ? throughput / (power / 1000) : 0, rackUnits: rackUnits,
                throughputPerRackUnit: rackUnits.map { throughput / $0 }, rackPowerBudgetW: budget,
                rackThroughputUnitsPerS: budget.map { power > 0 ? ($0 / power).rounded(.down) * throughput : 0 },
                idlePowerW: idle?.powerWatts, idlePowerPhase: idle?.phase,
                yearlyKwh: 0, yearlyLoadKwh: 0, yearlyIdleKwh: 0, yearlyIdleS: 0, yearlyCo2eKg: 0, yearlyCost: nil))
            groupIdle.append(idle)
        }
        let curves = Self.applySweeps(options.sweeps, to: &groups)
        let yearlyUnits = groups[0].throughputUnitsPerS * options.utilisation * SCI.secondsPerYear
        for i in groups.indices {
            if let curve = curves[i],
               Self.yearlyFromCurve(curve, group: &groups[i], offeredRate: yearlyUnits / SCI.secondsPerYear, options: options) {
                continue
            }
            // Duty cycle (assumed): powered all year; working at its measured throughput for the time
            // the yearly units take, idle at its measured idle power the rest of the year.
            let perUnit = groups[i].nodeEnergyPerUnitJ?.mean ?? 0
            let working = groups[i].throughputUnitsPerS > 0 ? yearlyUnits / groups[i].throughputUnitsPerS : 0
            let idleSeconds = max(0, SCI.secondsPerYear - working)
            let idle = groupIdle[i]
            groups[i].yearlyIdleS = idleSeconds
            groups[i].yearlyLoadKwh = yearlyUnits * perUnit / 3.6e6
            groups[i].yearlyIdleKwh = idleSeconds * (idle?.powerWatts ?? 0) / 3.6e6
            groups[i].yearlyKwh = groups[i].yearlyLoadKwh + groups[i].yearlyIdleKwh
            groups[i].yearlyCo2eKg = (yearlyUnits * (groups[i].co2ePerUnitG ?? 0)
                                      + idleSeconds * (idle?.gramsPerSecond ?? 0)) / 1000
            groups[i].yearlyCost = options.pricePerKwh.map { $0 * groups[i].yearlyKwh }
        }
        let savings = groups.dropFirst().map { g in
            Saving(group: g.name, kwh: groups[0].yearlyKwh - g.yearlyKwh, co2eKg: groups[0].yearlyCo2eKg - g.yearlyCo2eKg,
                   cost: options.pricePerKwh.map { $0 * (groups[0].yearlyKwh - g.yearlyKwh) },
                   relative: groups[0].yearlyKwh > 0 ? (groups[0].yearlyKwh - g.yearlyKwh) / groups[0].yearlyKwh : 0)
        }
        let utilisation = String(format: "%g", options.utilisation * 100)
        return RackDensity(functionalUnit: unit, utilisation: options.utilisation, yearlyUnits: yearlyUnits,
                           dutyCycle: "assumed: each group's server is powered all year (365.25 days) and works at its "
                               + "measured load throughput and power for the time group 1's work at \(utilisation) % "
                               + "utilisation takes it; the rest of the year it idles at its measured idle power (the "
                               + "runs' idle phases, else their baseline phases)"
                               + (curves.contains { $0 != nil } ? "; a group with a sweep instead runs all year at the "
                                  + "offered load on its measured curve (sweep.node_power_w, idle floor included)" : ""),
                           pricePerKwh: options.pricePerKwh, groups: groups, savings: savings,
                           welch: estimates.dropFirst().map { e in e.flatMap { b in estimates[0].flatMap { WelchTest(b, $0) } } })
    }
}

/// A group's idle power and CO2e rate: Σ energy / Σ duration (and Σ CO2e / Σ duration) of its
/// runs' idle phases (the software started, unused), else of their baseline phases.
package struct IdleReference {
    package var phase: PhaseName
    package var powerWatts: Double
    package var gramsPerSecond: Double

    package init?(_ runs: [Report]) {
        for phase in [PhaseName.idle, .baseline] {
            let phases = runs.flatMap { $0.phases.filter { $0.name == phase && $0.durationS > 0 } }
            let seconds = phases.reduce(0) { $0 + $1.durationS }
            guard seconds > 0 else { continue }
            self.phase = phase
            powerWatts = phases.reduce(0) { $0 + $1.energyJ } / seconds
            gramsPerSecond = phases.reduce(0) { $0 + $1.co2eG } / seconds
            return
        }
        return nil
    }
}
