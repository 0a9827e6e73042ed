import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchStore
import EcobenchReport

extension WorkloadRunner {
    package func stopService() {
        service?.terminateGroup(graceSeconds: config.stopGraceSeconds)
        service = nil
        for (_, process) in serviceProcesses { process.terminateGroup(graceSeconds: config.stopGraceSeconds) }
        serviceProcesses = []
        killConsumers()
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
        removeConsumers()
        ProcessLauncher.reapOrphans()
    }
}
