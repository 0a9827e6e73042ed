import Foundation
import EcobenchModel
import EcobenchStore
import EcobenchAttribute

/// Builds a sweep's report from the store: each level's run goes through `ReportBuilder` (the one
/// attribution), its load phases give the level's node power; the summary is `SweepCurve`'s.
public struct SweepReportBuilder {
    public let store: RunStore
    public var version: String = EcobenchVersion.current

    public init(store: RunStore) { self.store = store }

    public func build(sweepID: Int64, utilisation: Double = 0.3, options: ReportOptions = ReportOptions()) throws -> SweepReport {
        guard let sweep = try store.sweep(id: sweepID) else { throw SweepReportError.sweepNotFound(sweepID, database: store.path) }
        guard !sweep.levels.isEmpty else { throw SweepReportError.noLevels(sweepID) }
        var notes: [String] = []
        var built: [(SweepLevelRecord, Report)] = []
        for level in sweep.levels {
            built.append((level, try ReportBuilder(store: store, version: version).build(runID: level.runID, options: options)))
        }
        let first = built[0].1
        let hosts = Set(built.map { $0.1.host.fingerprint ?? $0.1.host.hostname })
        if hosts.count > 1 { notes.append("flag: the levels ran on \(hosts.count) different hosts; the curve mixes machines") }
        let methods = Set(built.map { $0.1.nodeEnergy.method })
        if methods.count > 1 { notes.append("flag: the levels' node energy came from different methods: " + methods.sorted().joined(separator: "; ")) }
        if first.nodeEnergy.kind == .estimated {
            notes.append("node power is ESTIMATED (\(first.nodeEnergy.method)), not measured")
        }
        let relative = built.compactMap { $0.1.nodeEnergy.relativeUncertainty }.max()
        if relative == nil { notes.append("the node energy source states no relative uncertainty: none included (systematic part 0)") }
        let r = relative ?? 0
        let maxAchieved = built.compactMap { $0.0.achievedRatePerSecond }.max() ?? 0
        var levels: [SweepReport.Level] = []
        for (record, report) in built {
            levels.append(Self.level(record, report, systematicRelative: r, maxAchieved: maxAchieved,
                                     cpuUtilisation: try cpuUtilisation(report), notes: &notes))
        }
        let points = levels.map {
            SweepPoint(levelPercent: $0.levelPercent, throughputPerSecond: $0.achievedRatePerS, powerWatts: $0.nodePowerW,
                       powerRandomUncertaintyWatts: $0.nodePowerRandomUncertaintyW, latencyP99Milliseconds: $0.latencyP99Ms,
                       saturated: $0.saturated)
        }
        let curve = SweepCurve(points: points, systematicRelative: r)
        if curve.idle == nil { notes.append("no active-idle level (0 %): idle ÷ peak, proportionality and the yearly idle floor need one") }
        for level in levels where level.saturated {
            notes.append("flag: level \(level.levelPercent) % is saturated (achieved rate more than 5 % below the offered rate)")
        }
        let summary = Self.summary(curve, levels: levels, slo: sweep.sloP99Milliseconds, utilisation: utilisation,
                                   gramsPerJoule: Self.gramsPerJoule(built.map(\.1)), notes: &notes)
        return SweepReport(
            generator: .init(name: "ecobench", version: version),
            sweep: .init(id: sweep.id, workload: sweep.workload, functionalUnit: first.run.functionalUnit,
                         createdAt: sweep.createdAt, levelsPercent: sweep.levelsPercent,
                         calibrationRunId: sweep.calibrationRunID, maxThroughputPerS: sweep.maxThroughputPerSecond,
                         sloP99Ms: sweep.sloP99Milliseconds),
            host: first.host,
            nodeEnergy: .init(kind: first.nodeEnergy.kind, method: first.nodeEnergy.method, relativeUncertainty: relative),
            levels: levels, summary: summary, notes: notes)
    }

    /// One level's figures from its run's report: node power = Σ E / Σ t over the load phases
    /// (`PerUnitEstimate` with seconds as the unit: ratio of sums, delta-method standard error).
    /// The phases a level's node power is taken over: its load phases, or, for active idle (no
    /// load phase with a duration), its idle phases.
    package static func powerPhases(_ report: Report) -> [ReportPhase] {
        let loads = report.phases.filter { $0.name == .load && $0.durationS > 0 }
        return loads.isEmpty ? report.phases.filter { $0.name == .idle && $0.durationS > 0 } : loads
    }

    /// A level's node power, Σ E / Σ t over `powerPhases` (the one formula the sweep report and
    /// `ecobench sweep`'s table both use).
    package static func nodePower(_ report: Report) -> PerUnitEstimate? {
        let phases = powerPhases(report)
        return PerUnitEstimate(amounts: phases.map(\.energyJ), units: phases.map(\.durationS))
    }

    /// The node's CPU utilisation over a level's power phases (`NodeCPUUtilisation`, the Blue Angel
    /// report's definition): Σ busy ÷ Σ all CPU seconds measured over the same windows.
    func cpuUtilisation(_ report: Report) throws -> Double? {
        let phases = Self.powerPhases(report)
        let stored = try StoredRunAttribution.completedWindows(store: store, runID: report.run.id)
        let windows = phases.compactMap { phase in stored.first { $0.name == phase.name && $0.repetition == phase.repetition } }
        guard windows.count == phases.count else { return nil }
        return try NodeCPUUtilisation.fraction(busyCPUSeconds: phases.reduce(0) { $0 + $1.nodeBusyCpuSeconds }, windows: windows,
                                               series: StoredCounterSeries(store: store, runID: report.run.id))
    }

    package static func level(_ record: SweepLevelRecord, _ report: Report, systematicRelative r: Double,
                              maxAchieved: Double, cpuUtilisation: Double?, notes: inout [String]) -> SweepReport.Level {
        let phases = powerPhases(report)
        let seconds = phases.reduce(0) { $0 + $1.durationS }
        let power = nodePower(report)
        let spread = power?.standardError ?? 0
        if phases.count < 2 {
            notes.append("level \(record.levelPercent) %: one repetition, its power's repetition spread is unknown (not included)")
        }
        let window = phases.reduce(0) { $0 + pow($1.energyWindow?.standardUncertaintyJ ?? 0, 2) }.squareRoot()
            / max(seconds, .leastNonzeroMagnitude)
        let watts = power?.ratio ?? 0
        let achieved = record.achievedRatePerSecond ?? 0
        let app = report.applications.first
        let budget = report.errorBudgets?.first { $0.figure == .energyPerUnit }
        return SweepReport.Level(
            levelPercent: record.levelPercent, runId: record.runID, offeredRatePerS: record.offeredRatePerSecond,
            achievedRatePerS: achieved, utilisation: maxAchieved > 0 ? achieved / maxAchieved : 0,
            saturated: record.saturated, latencyP50Ms: record.latencyP50Milliseconds,
            latencyP95Ms: record.latencyP95Milliseconds, latencyP99Ms: record.latencyP99Milliseconds,
            loadDurationS: seconds, repetitions: phases.count, nodePowerW: watts,
            nodePowerRandomUncertaintyW: (spread * spread + window * window).squareRoot(),
            nodePowerSystematicUncertaintyW: r * watts,
            nodeEnergyPerUnitJ: achieved > 0 ? watts / achieved : nil,
            workloadEnergyPerUnitJ: app?.statistics.energyPerUnitJ,
            workloadEnergyPerUnitExpandedUncertaintyJ: budget?.expandedUncertainty,
            cpuUtilisation: cpuUtilisation)
    }

    package static func summary(_ curve: SweepCurve, levels: [SweepReport.Level], slo: Double?, utilisation: Double,
                                gramsPerJoule: Double?, notes: inout [String]) -> SweepReport.Summary {
        let gap = curve.proportionalityGap()
        var summary = SweepReport.Summary(
            overallUnitsPerJoule: curve.overallUnitsPerJoule(), idleToPeakPowerRatio: curve.idleToPeakPowerRatio(),
            proportionalityGap: gap,
            energyProportionality: gap.map { SweepFigure(value: 1 - $0.value, standardUncertainty: $0.standardUncertainty,
                                                         basis: "EP = 1 − D; " + $0.basis) })
        if let best = curve.mostEfficientLevel(sloP99Milliseconds: slo) {
            summary.mostEfficientLevel = .init(
                levelPercent: best.point.levelPercent, sloP99Ms: slo, unitsPerJoule: best.unitsPerJoule,
                workloadEnergyPerUnitJ: levels.first { $0.levelPercent == best.point.levelPercent }?.workloadEnergyPerUnitJ?.mean)
        } else if let slo {
            notes.append("no unsaturated level meets p99 ≤ \(slo) ms (or none stated its p99 latency)")
        }
        if let power = curve.power(atUtilisation: utilisation), let energy = curve.yearlyEnergyKilowattHours(utilisation: utilisation) {
            summary.yearly = .init(utilisation: utilisation, nodePowerW: power, energyKwh: energy,
                                   co2eKg: gramsPerJoule.map { $0 * energy.value * 3.6e6 / 1000 })
        } else {
            notes.append(String(format: "utilisation %g lies outside the measured curve: no yearly figures", utilisation))
        }
        return summary
    }

    /// CO2e per joule of the levels' load phases (Σ g / Σ J, the reports' own carbon figures).
    package static func gramsPerJoule(_ reports: [Report]) -> Double? {
        let loads = reports.flatMap { $0.phases.filter { $0.name == .load } }
        let joules = loads.reduce(0) { $0 + $1.energyJ }
        return joules > 0 ? loads.reduce(0) { $0 + $1.co2eG } / joules : nil
    }
}

public enum SweepReportError: Error, CustomStringConvertible, Sendable, Equatable {
    case sweepNotFound(Int64, database: String)
    case noLevels(Int64)

    public var description: String {
        switch self {
        case let .sweepNotFound(id, db): return "no sweep \(id) in \(db) (see `ecobench runs`)"
        case let .noLevels(id): return "sweep \(id) has no stored level yet"
        }
    }
}
