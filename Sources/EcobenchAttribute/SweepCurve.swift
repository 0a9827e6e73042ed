/// The summary formulas of a load sweep (issue 15; docs/sweeps.md "Summary figures"), the one
/// implementation every path calls. Points are sorted by throughput; utilisation u = T / T_max
/// where T_max is the highest achieved throughput of the sweep; active idle is u = 0.
///
/// Uncertainty (GUM, first order): each point's power has a random standard uncertainty u_i,
/// independent between levels; the meter's (or model's) relative uncertainty r is systematic and
/// common to every level: it scales every power alike, so it cancels in ratios of powers
/// (idle ÷ peak, proportionality) and enters figures in watts or joules fully. Throughput is a
/// count over a timed window and taken as exact.
public struct SweepCurve: Sendable {
    public var points: [SweepPoint]
    public var systematicRelative: Double

    public init(points: [SweepPoint], systematicRelative: Double) {
        self.points = points.sorted { ($0.throughputPerSecond, $0.levelPercent) < ($1.throughputPerSecond, $1.levelPercent) }
        self.systematicRelative = systematicRelative
    }

    /// T_max: the highest achieved throughput (units/s).
    public var maxThroughputPerSecond: Double { points.map(\.throughputPerSecond).max() ?? 0 }

    /// Active idle: the point with no throughput (level 0); nil when the sweep has none.
    public var idle: SweepPoint? { points.first { $0.throughputPerSecond == 0 } }

    /// Peak: the point at T_max (the highest level among equals).
    public var peak: SweepPoint? {
        let top = maxThroughputPerSecond
        guard top > 0 else { return nil }
        return points.last { $0.throughputPerSecond == top }
    }

    /// Utilisation of a point, T / T_max.
    public func utilisation(_ point: SweepPoint) -> Double {
        let top = maxThroughputPerSecond
        return top > 0 ? point.throughputPerSecond / top : 0
    }

    /// SPECpower's overall ssj_ops/watt analogue: Σ T_i / Σ P_i over every level, active idle
    /// included (units/J). u/value = √((√Σu_i² / ΣP)² + r²).
    public func overallUnitsPerJoule() -> SweepFigure? {
        let power = points.reduce(0) { $0 + $1.powerWatts }
        guard power > 0, !points.isEmpty else { return nil }
        let value = points.reduce(0) { $0 + $1.throughputPerSecond } / power
        let random = points.reduce(0) { $0 + $1.powerRandomUncertaintyWatts * $1.powerRandomUncertaintyWatts }.squareRoot()
        let relative = ((random / power) * (random / power) + systematicRelative * systematicRelative).squareRoot()
        return SweepFigure(value: value, standardUncertainty: value * relative,
                           basis: "Σ throughput / Σ node power over all levels, active idle included (SPECpower_ssj2008 "
                               + "overall ssj_ops/watt); u from each level's random power uncertainty in quadrature and "
                               + "the meter's systematic relative uncertainty; throughput taken as exact")
    }

    /// P_idle / P_peak (dimensionless; 0 = ideal, 1 = no proportionality). The meter's systematic
    /// gain cancels; u/value = √((u_idle/P_idle)² + (u_peak/P_peak)²).
    public func idleToPeakPowerRatio() -> SweepFigure? {
        guard let idle, let peak, peak.powerWatts > 0, idle.powerWatts > 0 else { return nil }
        let value = idle.powerWatts / peak.powerWatts
        let a = idle.powerRandomUncertaintyWatts / idle.powerWatts, b = peak.powerRandomUncertaintyWatts / peak.powerWatts
        return SweepFigure(value: value, standardUncertainty: value * (a * a + b * b).squareRoot(),
                           basis: "active-idle power / power at the highest throughput; the meter's gain error cancels, "
                               + "u from the two levels' random power uncertainties")
    }

    /// The area between the normalised curve p(u) = P(u)/P_peak and ideal proportionality p = u,
    /// over u ∈ [0, 1], divided by the ideal's area ½: D = (A − ½)/½ = 2A − 1 with A = ∫p du by
    /// the trapezoid rule over the measured points (0 = ideal, 1 = constant power). The energy
    /// proportionality of Ryckbosch et al. is EP = 1 − D. Needs active idle and a peak.
    /// u(A)² = Σ_{i≠peak} (w_i u_i / P_peak)² + ((w_peak − A) u_peak / P_peak)², w_i the trapezoid
    /// weights; u(D) = 2 u(A); the meter's gain cancels.
    public func proportionalityGap() -> SweepFigure? {
        guard idle != nil, let peak, peak.powerWatts > 0, points.count >= 2 else { return nil }
        let u = points.map(utilisation)
        let n = points.count
        let weights = (0..<n).map { i -> Double in
            let left = i > 0 ? u[i] - u[i - 1] : 0
            let right = i < n - 1 ? u[i + 1] - u[i] : 0
            return (left + right) / 2
        }
        let area = zip(weights, points).reduce(0) { $0 + $1.0 * $1.1.powerWatts } / peak.powerWatts
        let peakIndex = points.lastIndex(of: peak) ?? n - 1
        var variance = 0.0
        for i in 0..<n {
            let c = i == peakIndex ? (weights[i] - area) / peak.powerWatts : weights[i] / peak.powerWatts
            variance += c * points[i].powerRandomUncertaintyWatts * c * points[i].powerRandomUncertaintyWatts
        }
        return SweepFigure(value: 2 * area - 1, standardUncertainty: 2 * variance.squareRoot(),
                           basis: "D = 2A − 1, A = ∫ P(u)/P_peak du over u = throughput/max throughput ∈ [0, 1] "
                               + "(trapezoid over the levels); 0 = ideal proportionality, 1 = constant power; "
                               + "energy proportionality EP = 1 − D (Ryckbosch, Polfliet, Eeckhout 2011); "
                               + "u from the levels' random power uncertainties, the meter's gain cancels")
    }

    /// Node power at utilisation U by linear interpolation between the two levels around it;
    /// nil outside the measured range (no extrapolation). u² = ((1−f)u_a)² + (f u_b)² + (r P)².
    public func power(atUtilisation target: Double) -> SweepFigure? {
        let u = points.map(utilisation)
        guard let first = u.first, let last = u.last, target >= first, target <= last else { return nil }
        let b = u.firstIndex { $0 >= target } ?? points.count - 1
        let a = u[b] == target ? b : b - 1
        let f = a == b || u[b] == u[a] ? 1 : (target - u[a]) / (u[b] - u[a])
        let value = (1 - f) * points[a].powerWatts + f * points[b].powerWatts
        let ua = (1 - f) * points[a].powerRandomUncertaintyWatts, ub = f * points[b].powerRandomUncertaintyWatts
        let sys = systematicRelative * value
        return SweepFigure(value: value, standardUncertainty: (ua * ua + ub * ub + sys * sys).squareRoot(),
                           basis: "node power interpolated linearly between the levels at utilisation "
                               + "\(points[a].levelPercent) % and \(points[b].levelPercent) % of the curve; u from their "
                               + "random power uncertainties and the meter's systematic relative uncertainty")
    }

    /// Yearly node energy at a constant mean utilisation U, idle floor included (the curve runs
    /// to active idle): E = P(U) × 365.25 d × 86 400 s / 3.6 × 10⁶ (kWh), u scaled alike.
    public func yearlyEnergyKilowattHours(utilisation: Double) -> SweepFigure? {
        guard let power = power(atUtilisation: utilisation) else { return nil }
        let scale = SCI.secondsPerYear / 3.6e6
        return SweepFigure(value: power.value * scale, standardUncertainty: power.standardUncertainty * scale,
                           basis: "P(U) × 8766 h (365.25 days), the server powered all year at a constant offered load "
                               + "U × max throughput; a load that varies over the year averages to P(U) only where the "
                               + "curve is linear over the range it visits. " + power.basis)
    }

    /// The level with the most units per joule (T/P) among those that are not saturated and whose
    /// p99 latency is known and within `sloP99Milliseconds` (every unsaturated loaded level when
    /// nil). u/value = √((u_i/P_i)² + r²).
    public func mostEfficientLevel(sloP99Milliseconds: Double?) -> (point: SweepPoint, unitsPerJoule: SweepFigure)? {
        let candidates = points.filter { p in
            guard p.throughputPerSecond > 0, p.powerWatts > 0, !p.saturated else { return false }
            guard let slo = sloP99Milliseconds else { return true }
            return p.latencyP99Milliseconds.map { $0 <= slo } ?? false
        }
        guard let best = candidates.max(by: { $0.throughputPerSecond / $0.powerWatts < $1.throughputPerSecond / $1.powerWatts })
        else { return nil }
        let value = best.throughputPerSecond / best.powerWatts
        let a = best.powerRandomUncertaintyWatts / best.powerWatts
        let what = sloP99Milliseconds.map { "p99 latency ≤ \($0) ms" } ?? "no latency objective given"
        return (best, SweepFigure(value: value, standardUncertainty: value * (a * a + systematicRelative * systematicRelative).squareRoot(),
                                  basis: "the unsaturated level with the most units per joule (throughput / node power), "
                                      + what + "; u from its random power uncertainty and the meter's systematic one"))
    }
}
