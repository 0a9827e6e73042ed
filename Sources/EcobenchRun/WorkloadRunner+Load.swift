import Foundation
import EcobenchCollect
import EcobenchStore

extension WorkloadRunner {
    /// Runs the load phase's scenario (`load.steps` in order, or the single load command as one
    /// step), logs each step in the store, and returns the functional units counted over all
    /// steps' output (concatenated in step order) and the load's duration.
    package func runLoad(_ repetition: Int) throws(RunError) -> Double {
        let started = MonotonicClock.nowNanoseconds()
        var stdout: [String] = []
        var stderr: [String] = []
        let scenario = spec.load.scenario
        for (index, step) in scenario.enumerated() {
            let label = spec.load.steps.isEmpty ? "load-\(repetition)" : "load-\(repetition)-step-\(index + 1)"
            let output = try runLoadStep(step, number: index + 1, repetition: repetition, label: label)
            stdout.append(output.stdout)
            stderr.append(output.stderr)
        }
        let duration = Double(MonotonicClock.nowNanoseconds() - started) / 1e9
        do {
            return try spec.load.functionalUnits.units(stdout: stdout.joined(separator: "\n"),
                                                      stderr: stderr.joined(separator: "\n"),
                                                      loadDurationSeconds: duration)
        } catch { throw .workload(error) }
    }

    /// One step: started, supervised until it exits, reaches its `duration_s` (stopped, the
    /// intended end) or its limit (stopped, a failure); a timed step that exited early waits out
    /// the rest. The step is logged however it ended, then a failure is thrown.
    private func runLoadStep(_ step: WorkloadSpec.LoadStep, number: Int, repetition: Int,
                             label: String) throws(RunError) -> (stdout: String, stderr: String) {
        let command = step.command
        let startUnix = unixNow()
        let started = MonotonicClock.nowNanoseconds()
        // With a service, the load command is a client (wrk, pgbench): not part of the measured
        // application; it runs in its own cgroup, reported as the load generator. Without one,
        // the load is the workload.
        let process = try launch(command, label: label, inWorkload: !spec.hasService,
                                 consumer: spec.hasService ? ConsumerChannels.loadGeneratorPrefix : nil)
        let what = spec.load.steps.isEmpty ? "the load" : "step '\(step.name)'"
        let limit = step.durationSeconds ?? command.timeoutSeconds
            ?? (spec.phases.loadSeconds + max(30, spec.phases.loadSeconds))
        func elapsed() -> Double { Double(MonotonicClock.nowNanoseconds() - started) / 1e9 }
        var ending = LoadStepRecord.Ending.exited
        var interruption: String?
        while process.wait(timeoutSeconds: min(RunDriver.watchIntervalSeconds, max(0.001, limit - elapsed())), stop: stop) == nil {
            progress.update(sample: sampler?.latest() ?? (-1, []))
            if let signal = stop.reason {
                (ending, interruption) = (.interrupted, signal)
                break
            }
            if elapsed() >= limit {
                ending = step.durationSeconds == nil ? .timedOut : .stoppedAtDuration
                break
            }
        }
        process.terminateGroup(graceSeconds: ending == .exited ? 0 : config.stopGraceSeconds)
        let termination = process.poll()
        var waitFailure: RunError?
        if ending == .exited, termination?.succeeded == true, let duration = step.durationSeconds, elapsed() < duration {
            do { try wait(seconds: duration - elapsed()) } catch {
                waitFailure = error
                if case .interrupted = error { ending = .interrupted }
            }
        }
        var record = LoadStepRecord(repetition: repetition, step: number, name: step.name, startUnixNanoseconds: startUnix,
                                    endUnixNanoseconds: unixNow(), plannedDurationSeconds: step.durationSeconds,
                                    exitCode: nil, signal: nil, endedBy: ending)
        switch termination {
        case .exited(let code): record.exitCode = Int(code)
        case .signalled(let signal): record.signal = Int(signal)
        case nil: break
        }
        if let id = runID {
            do { try store.insertLoadStep(runID: id, record) } catch { throw .storage("\(error)") }
        }
        if let signal = interruption { throw .interrupted(signal: signal) }
        if let waitFailure { throw waitFailure }
        if ending == .timedOut {
            throw command.location.runFailure("\(what) did not finish within \(limit) s")
        }
        if ending == .exited, let termination, !termination.succeeded {
            throw command.location.runFailure("\(what) failed with \(termination.description); "
                                              + "output in \(process.stderrPath)")
        }
        return process.output()
    }

    /// Unix time in ns on the run's clock: its wall-clock start plus the monotonic time since.
    private func unixNow() -> Int64 { clockStartUnix + now() }
}
