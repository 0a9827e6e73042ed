import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchStore
import EcobenchReport

extension WorkloadRunner {
    package func stopService() {
        service?.terminateGroup(graceSeconds: config.stopGraceSeconds)
        service = nil
        // Anything the workload left in its cgroup (daemons that left the process group) goes too.
        if let cgroup, !cgroup.pids().isEmpty { _ = cgroup.killAll() }
        ProcessLauncher.reapOrphans()
    }

    /// Always runs: stops the service, runs the workload's teardown commands, kills whatever is
    /// left of the workload, removes its cgroup.
    package func tearDown() {
        stopService()
        for (index, command) in spec.teardown.enumerated() {
            do {
                let process = try launch(command, label: "teardown-\(index + 1)")
                // Teardown runs even after a signal: give it its own time, not the stop flag's.
                let deadline = MonotonicClock.nowNanoseconds() + Int64((command.timeoutSeconds ?? 60) * 1e9)
                while process.poll() == nil && MonotonicClock.nowNanoseconds() < deadline { usleep(20_000) }
                process.terminateGroup(graceSeconds: 1)
                if let ended = process.poll(), !ended.succeeded {
                    notes.append("teardown command \(index + 1) failed with \(ended.description)")
                }
            } catch {
                notes.append("teardown command \(index + 1) could not run: \(error)")
            }
        }
        if let cgroup {
            _ = cgroup.killAll()
            ProcessLauncher.reapOrphans()
            target.clear()
            do { try cgroup.remove() } catch { notes.append("cgroup \(cgroup.path) not removed: \(error)") }
        }
        ProcessLauncher.reapOrphans()
    }

    /// Stores the outcome; a run that failed before any repetition completed is removed
    /// (nothing half-written), an interrupted one is kept and marked.
    package func finish(runID id: Int64, failure: RunError?) throws -> RunOutcome {
        let status = RunStatus(endingWith: failure)
        let storageFailed = failure?.isStorage ?? false
        var notesLost: String?
        do { try store.setNotes(runID: id, notesJSON: ReportCoding.encodeString(notes)) } catch {
            notesLost = "\(notes.count) run notes not stored: \(error)"
        }
        if status == .failed && completedRepetitions == 0 && !storageFailed {
            try? store.deleteRun(id: id)
            try? FileManager.default.removeItem(atPath: outputDirectory + "/run-\(id)")
            return RunOutcome(runID: nil, status: .failed, error: failure?.description, reportFiles: [], report: nil,
                              reportError: nil)
        }
        do {
            try store.finishRun(id: id, status: status, endedAt: RunClock.iso8601Now(), error: failure?.description)
        } catch {
            // Left `running`: the next ecobench command marks it interrupted (its pid is gone).
            if !storageFailed { throw error }
        }
        let (files, report, reportError) = ReportWriter.writeRunReport(store: store, runID: id,
                                                                       directory: outputDirectory + "/run-\(id)")
        let problems = [notesLost, reportError].compactMap { $0 }
        return RunOutcome(runID: id, status: status, error: failure?.description, reportFiles: files, report: report,
                          reportError: problems.isEmpty ? nil : problems.joined(separator: "; "))
    }
}
