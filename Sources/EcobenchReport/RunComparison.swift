import EcobenchCollect
import EcobenchAttribute

/// Two or more runs of the same workload (other hosts, settings or versions) against the first:
/// the difference per functional unit (of the ratio-of-sums estimates, `PerUnitEstimate`) with
/// its 95 % CI and Welch's t-test on the estimates' delta-method variances.
public struct RunComparison: Codable, Sendable {
    public struct Run: Codable, Sendable {
        public var id: Int64
        public var workload: String
        public var host: String
        public var fingerprint: String?
        public var nodeEnergyKind: SourceKind
        public var nodeEnergyMethod: String
        public var energyPerUnitJ: SummaryStatistics?
        public var co2ePerUnitG: SummaryStatistics?
        public var sciGPerUnit: SummaryStatistics?
    }

    public struct Difference: Codable, Sendable {
        public var baselineRun: Int64
        public var run: Int64
        public var metric: String
        /// run − baseline (ratio of sums each), in the metric's unit; and relative to the baseline's.
        public var difference: Double
        public var relativeDifference: Double?
        public var welch: WelchTest?
        public var significant: Bool
    }

    public var functionalUnit: String
    public var runs: [Run]
    public var differences: [Difference]
    public var warnings: [String]

    public static func compare(_ reports: [Report]) throws -> RunComparison {
        guard let base = reports.first, reports.count >= 2 else { throw ComparisonError.needTwoRuns }
        let unit = base.run.functionalUnit
        for report in reports.dropFirst() where report.run.functionalUnit != unit {
            throw ComparisonError.differentFunctionalUnits(first: base.run.id, firstUnit: unit, other: report.run.id,
                                                           otherUnit: report.run.functionalUnit)
        }
        var warnings: [String] = []
        for report in reports.dropFirst() {
            if report.nodeEnergy.kind != base.nodeEnergy.kind || report.nodeEnergy.rank != base.nodeEnergy.rank {
                warnings.append("run \(report.run.id) measured node energy by \(report.nodeEnergy.kind.rawValue) "
                                + "\(report.nodeEnergy.rank.rawValue) but run \(base.run.id) by \(base.nodeEnergy.kind.rawValue) "
                                + "\(base.nodeEnergy.rank.rawValue): the methods differ, so does what the difference means")
            }
            if report.run.idlePolicy != base.run.idlePolicy {
                warnings.append("runs \(base.run.id) and \(report.run.id) use different idle policies")
            }
            if report.run.workload != base.run.workload {
                warnings.append("run \(report.run.id) measured workload \(report.run.workload), run \(base.run.id) \(base.run.workload)")
            }
        }
        // Every metric is a per-unit estimate (`PerUnitEstimate`: ratio of sums, delta-method
        // variance); the difference is of the ratios and Welch's test uses their variances.
        let metrics: [(String, (Report) -> PerUnitEstimate?)] = [
            ("energy_per_unit_j", { r in r.applications.first.flatMap { app in
                PerUnitEstimate(amounts: app.repetitions.map(\.energyJ), units: app.repetitions.map(\.functionalUnits)) } }),
            ("co2e_per_unit_g", { r in r.applications.first.flatMap { app in
                PerUnitEstimate(amounts: app.repetitions.map(\.co2eG), units: app.repetitions.map(\.functionalUnits)) } }),
            ("sci_g_per_unit", { r in
                PerUnitEstimate(amounts: r.sci.repetitions.map { $0.operationalG + $0.embodiedG },
                                units: r.sci.repetitions.map(\.functionalUnits)) }),
        ]
        var differences: [Difference] = []
        for report in reports.dropFirst() {
            for (name, estimate) in metrics {
                guard let a = estimate(base), let b = estimate(report) else { continue }
                let welch = WelchTest(b, a)
                let difference = b.ratio - a.ratio
                differences.append(Difference(baselineRun: base.run.id, run: report.run.id, metric: name,
                                              difference: difference,
                                              relativeDifference: a.ratio != 0 ? difference / a.ratio : nil,
                                              welch: welch, significant: welch?.isSignificant ?? false))
            }
        }
        let runs = reports.map { r in
            Run(id: r.run.id, workload: r.run.workload, host: r.host.hostname, fingerprint: r.host.fingerprint,
                nodeEnergyKind: r.nodeEnergy.kind, nodeEnergyMethod: r.nodeEnergy.method,
                energyPerUnitJ: r.applications.first?.statistics.energyPerUnitJ,
                co2ePerUnitG: r.applications.first?.statistics.co2ePerUnitG, sciGPerUnit: r.sci.scoreGPerUnit)
        }
        return RunComparison(functionalUnit: unit, runs: runs, differences: differences, warnings: warnings)
    }
}

public enum ComparisonError: Error, CustomStringConvertible, Sendable {
    case needTwoRuns
    case differentFunctionalUnits(first: Int64, firstUnit: String, other: Int64, otherUnit: String)
    case invalidOption(String)

    public var description: String {
        switch self {
        case .needTwoRuns: return "compare needs at least two runs"
        case .differentFunctionalUnits(let a, let ua, let b, let ub):
            return "run \(b): functional_unit is '\(ub)', run \(a)'s is '\(ua)': per-unit figures cannot be compared"
        case .invalidOption(let message): return message
        }
    }
}
