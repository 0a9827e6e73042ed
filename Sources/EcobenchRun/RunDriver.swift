import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchStore
import EcobenchReport

/// The one run driver: the run's clock and its record in the store, the loop over repetitions,
/// each phase's start and end, waiting with signals watched, and finishing (the outcome stored,
/// the report written, a run that failed before any repetition removed). Local and Kubernetes
/// runs are its two `RunTarget`s.
public final class RunDriver {
    package let store: RunStore
    package let stop: StopSignal
    package let progress: ProgressReporter
    package let spec: WorkloadSpec
    /// Absolute: `{run_dir}` is handed to commands that may run in another working directory.
    package let outputDirectory: String
    /// The runner it drives (which owns it).
    package weak var target: (any RunTarget)?
    package private(set) var runID: Int64?
    /// The run's clock: a monotonic origin and the wall time at that same moment, so samples
    /// can be aligned with outside series (a BMC's log, grid intensity, agents) later.
    package private(set) var clockOrigin: Int64 = 0
    package private(set) var clockStartUnixNanoseconds: Int64 = 0
    package private(set) var completedRepetitions = 0
    /// Stored with the run when it finishes.
    package var notes: [String] = []

    package init(spec: WorkloadSpec, outputDirectory: String, store: RunStore, stop: StopSignal, progress: ProgressReporter) {
        self.spec = spec
        self.outputDirectory = outputDirectory.hasPrefix("/") ? outputDirectory
            : FileManager.default.currentDirectoryPath + "/" + outputDirectory
        self.store = store
        self.stop = stop
        self.progress = progress
    }

    /// Starts the run's clock (before the run is created: its record holds the wall time).
    package func startClock() {
        clockOrigin = MonotonicClock.nowNanoseconds()
        clockStartUnixNanoseconds = MonotonicClock.unixNanoseconds()
    }

    /// Nanoseconds since the run's clock origin.
    package func now() -> Int64 { MonotonicClock.nowNanoseconds() - clockOrigin }

    /// `run-<id>` in the output directory.
    package func runDirectory(_ id: Int64) -> String { outputDirectory + "/run-\(id)" }

    /// Stores the run (workload, settings, host, clock) and makes its output directory (and
    /// `subdirectory` in it, e.g. the commands' working directory).
    package func createRun(settings: RunSettings, host: ReportHost, intervalNanoseconds: Int64,
                           workloadYAML: String, subdirectory: String? = nil) throws -> Int64 {
        let id = try store.createRun(NewRun(
            workload: spec.name, workloadFile: spec.file, workloadYAML: workloadYAML,
            functionalUnit: spec.functionalUnit, startedAt: RunClock.iso8601Now(),
            clockStartUnixNanoseconds: clockStartUnixNanoseconds, intervalNanoseconds: intervalNanoseconds,
            settingsJSON: try ReportCoding.encodeString(settings), hostJSON: try ReportCoding.encodeString(host),
            pid: getpid(), ecobenchVersion: EcobenchVersion.current))
        runID = id
        let directory = runDirectory(id) + (subdirectory.map { "/" + $0 } ?? "")
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return id
    }

    /// Each repetition in turn; `completedRepetitions` counts those that ended, `after` runs
    /// after each (a local run pulls its agents' samples then).
    package func repeatWorkload(_ body: (Int) throws(RunError) -> Void, after: (Int) -> Void = { _ in })
        throws(RunError) {
        for repetition in 1...spec.repetitions {
            try body(repetition)
            completedRepetitions = repetition
            after(repetition)
        }
    }

    /// Records one phase: its start, the body, its end (only when the body finished), then tells the target.
    package func phase(_ name: PhaseName, _ repetition: Int, functionalUnits: () -> Double? = { nil },
                       _ body: () throws(RunError) -> Void) throws(RunError) {
        guard let runID else { return }
        progress.beginPhase(repetition: repetition, of: spec.repetitions, name: name, plannedSeconds: plannedSeconds(name),
                            remainingAfterSeconds: remainingSeconds(after: name, repetition: repetition))
        let start = target?.boundaryNanoseconds() ?? now()
        let phaseID: Int64
        do { phaseID = try store.beginPhase(runID: runID, repetition: repetition, name: name, startNanoseconds: start) }
        catch { throw .storage("\(error)") }
        try body()
        let end = target?.boundaryNanoseconds() ?? now()
        do { try store.endPhase(id: phaseID, endNanoseconds: end, functionalUnits: functionalUnits()) }
        catch { throw .storage("\(error)") }
        target?.phaseEnded(name, repetition: repetition, startNanoseconds: start, endNanoseconds: end)
    }

    package func plannedSeconds(_ name: PhaseName) -> Double { spec.phases.durations.seconds(name) }

    package func remainingSeconds(after name: PhaseName, repetition: Int) -> Double {
        spec.phases.durations.remainingSeconds(after: name, repetition: repetition, of: spec.repetitions)
    }

    /// How often a waiting run wakes to check the target's health (a service that ended, the
    /// sampler's storage) and refresh the live line: twice a second, as often as that line
    /// redraws (`ProgressReporter.update`); signals wake it at once.
    package static let watchIntervalSeconds = 0.5

    /// Waits, watching for signals at once and the target's health every `watchIntervalSeconds`.
    package func wait(seconds: Double) throws(RunError) {
        let deadline = MonotonicClock.nowNanoseconds() + Int64(seconds * 1e9)
        while true {
            if let signal = stop.reason { throw .interrupted(signal: signal) }
            try target?.checkHealth()
            let left = Double(deadline - MonotonicClock.nowNanoseconds()) / 1e9
            if left <= 0 { return }
            stop.wait(seconds: min(left, Self.watchIntervalSeconds))
        }
    }

    /// Stores the outcome. A run that failed before any repetition completed is removed (nothing
    /// half-written; `keepOutputWhenRemoved` keeps files the target wrote for the user), an
    /// interrupted one is kept and marked. `storeTargetData` stores what the target collected
    /// (its failures are notes); the notes are stored, the report written beside `extraFiles`.
    package func finish(failure: RunError?, keepOutputWhenRemoved: Bool = false, storeTargetData: () -> Void = {},
                        extraFiles: [String] = []) throws -> RunOutcome {
        guard let id = runID else {
            return RunOutcome(runID: nil, status: .failed, error: failure?.description, reportFiles: [], report: nil,
                              reportError: nil)
        }
        let status = RunStatus(endingWith: failure)
        let storageFailed = failure?.isStorage ?? false
        if status == .failed && completedRepetitions == 0 && !storageFailed {
            try? store.deleteRun(id: id)
            if !keepOutputWhenRemoved { try? FileManager.default.removeItem(atPath: runDirectory(id)) }
            return RunOutcome(runID: nil, status: .failed, error: failure?.description, reportFiles: [], report: nil,
                              reportError: nil)
        }
        storeTargetData()
        var notesLost: String?
        do { try store.setNotes(runID: id, notesJSON: ReportCoding.encodeString(notes)) } catch {
            notesLost = "\(notes.count) run notes not stored: \(error)"
        }
        do {
            try store.finishRun(id: id, status: status, endedAt: RunClock.iso8601Now(), error: failure?.description)
        } catch {
            // Left `running`: the next ecobench command marks it interrupted (its pid is gone).
            if !storageFailed { throw error }
        }
        let written = ReportWriter.writeRunReport(store: store, runID: id, directory: runDirectory(id))
        let problems = [notesLost, written.error].compactMap { $0 }
        return RunOutcome(runID: id, status: status, error: failure?.description, reportFiles: extraFiles + written.files,
                          report: written.report, reportError: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }
}

package enum RunClock {
    package static func iso8601Now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
