import Foundation
import EcobenchModel
import EcobenchStore
import EcobenchReport

/// `ecobench sweep`: a calibration run at full speed (the workload's own load) gives the
/// maximum sustainable throughput; then every level runs as its own run (the one
/// `WorkloadRunner`, with the workload's baseline-referenced phases and repetitions) at the
/// offered rate level × maximum, level 0 being active idle. Each level is stored as it ends.
/// Method: `docs/sweeps.md`.
public final class SweepRunner {
    /// The settings of every run (its spec is the workload, overrides applied).
    public let base: RunConfiguration
    public let levelsPercent: [Int]
    public let sloP99Milliseconds: Double?
    let store: RunStore
    let stop: StopSignal
    let progress: ProgressReporter
    /// One line per event (calibration done, level done), for the CLI.
    let log: (String) -> Void

    public init(base: RunConfiguration, levelsPercent: [Int], sloP99Milliseconds: Double?, store: RunStore,
                stop: StopSignal, progress: ProgressReporter, log: @escaping (String) -> Void = { _ in }) {
        self.base = base
        self.levelsPercent = levelsPercent
        self.sloP99Milliseconds = sloP99Milliseconds
        self.store = store
        self.stop = stop
        self.progress = progress
        self.log = log
    }

    /// Runs the calibration and the levels in the order given. A failed or interrupted run ends
    /// the sweep (the levels stored so far stay); the outcome says which.
    public func run() throws -> SweepOutcome {
        guard base.spec.sweep != nil else { throw base.spec.missingSweep }
        var outcome = SweepOutcome()
        let calibrationSpec = try base.spec.sweepCalibration()
        log("calibration: \(base.spec.name) at full speed ("
            + (base.spec.sweep?.calibration == nil ? "its own load" : "sweep.calibration") + ")")
        let calibration = try runLevel(spec: calibrationSpec)
        outcome.calibrationRunID = calibration.runID
        guard let calibrationID = calibration.runID, calibration.status == .completed else {
            outcome.end(calibration, what: "calibration")
            return outcome
        }
        guard let maximum = SweepRate.achieved(phases: try store.phases(runID: calibrationID)), maximum > 0 else {
            outcome.failure = "calibration run \(calibrationID) counted no functional units: no maximum throughput"
            return outcome
        }
        outcome.maxThroughputPerSecond = maximum
        log("calibration: run \(calibrationID), maximum \(SweepRate.spelled(maximum)) \(base.spec.functionalUnit)/s")
        let sweepID = try store.createSweep(workload: base.spec.name, levelsPercent: levelsPercent,
                                            calibrationRunID: calibrationID, maxThroughputPerSecond: maximum,
                                            sloP99Milliseconds: sloP99Milliseconds)
        outcome.sweepID = sweepID
        for level in levelsPercent {
            let offered = SweepRate.offered(levelPercent: level, maxPerSecond: maximum)
            log("level \(level) %: " + (offered.map { "offered \(SweepRate.spelled($0)) \(base.spec.functionalUnit)/s" }
                                       ?? "active idle (service up, no load)"))
            let run = try runLevel(spec: base.spec.sweepLevel(offeredRatePerSecond: offered))
            guard let runID = run.runID, run.status == .completed else {
                outcome.end(run, what: "level \(level) %")
                return outcome
            }
            let achieved = SweepRate.achieved(phases: try store.phases(runID: runID))
            let latency = readLatency(runID: runID, levelPercent: level, offered: offered, notes: &outcome.notes)
            let record = SweepLevelRecord(
                sweepID: sweepID, levelPercent: level, offeredRatePerSecond: offered, runID: runID,
                achievedRatePerSecond: achieved, latencyP50Milliseconds: latency[.p50],
                latencyP95Milliseconds: latency[.p95], latencyP99Milliseconds: latency[.p99],
                saturated: SweepRate.isSaturated(offered: offered, achieved: achieved))
            try store.addSweepLevel(record)
            let row = SweepOutcome.Level(record: record, loadPowerWatts: run.report.flatMap { SweepReportBuilder.nodePower($0)?.ratio })
            outcome.levels.append(row)
            log("level \(level) %: run \(runID), " + row.summary(unit: base.spec.functionalUnit))
        }
        return outcome
    }

    private func runLevel(spec: WorkloadSpec) throws -> RunOutcome {
        var config = base
        config.spec = spec
        return try WorkloadRunner(config: config, store: store, stop: stop, progress: progress).run()
    }

    /// Each percentile averaged over the repetitions' load outputs (`run-<id>/work/load-<r>.stdout`
    /// and `.stderr`); a percentile not found in some repetition is left out and noted.
    private func readLatency(runID: Int64, levelPercent: Int, offered: Double?,
                             notes: inout [String]) -> [WorkloadSpec.LatencyPercentile: Double] {
        guard offered != nil, let sweep = base.spec.sweep, !sweep.latency.isEmpty else { return [:] }
        let directory = absoluteOutputDirectory + "/run-\(runID)/work"
        var values: [WorkloadSpec.LatencyPercentile: Double] = [:]
        for pattern in sweep.latency {
            var found: [Double] = []
            for repetition in 1...base.spec.repetitions {
                let prefix = directory + "/load-\(repetition)"
                let stdout = (try? String(contentsOfFile: prefix + ".stdout", encoding: .utf8)) ?? ""
                let stderr = (try? String(contentsOfFile: prefix + ".stderr", encoding: .utf8)) ?? ""
                do { found.append(try pattern.milliseconds(stdout: stdout, stderr: stderr)) } catch {
                    notes.append("level \(levelPercent) %, repetition \(repetition): \(error.description)")
                }
            }
            if found.count == base.spec.repetitions { values[pattern.percentile] = found.reduce(0, +) / Double(found.count) }
        }
        return values
    }

    private var absoluteOutputDirectory: String {
        base.outputDirectory.hasPrefix("/") ? base.outputDirectory
            : FileManager.default.currentDirectoryPath + "/" + base.outputDirectory
    }
}
