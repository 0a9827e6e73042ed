import Foundation
import EcobenchModel
import EcobenchCollect

extension WorkloadRunner {
    package var placeholders: [String: String] { spec.placeholderValues(runDirectory: runDirectory) }

    package func runSteps() throws(RunError) {
        for (index, command) in spec.setup.enumerated() {
            try runToCompletion(command, label: "setup-\(index + 1)")
        }
        for repetition in 1...spec.repetitions {
            try runRepetition(repetition)
            completedRepetitions = repetition
            pullAgents(repetition: repetition)
        }
    }

    package func runRepetition(_ repetition: Int) throws(RunError) {
        let p = spec.phases
        try phase(.baseline, repetition) { () throws(RunError) in try wait(seconds: p.baselineSeconds) }
        if let serviceCommand = spec.service {
            service = try launch(serviceCommand, label: "service-\(repetition)")
            try awaitReadiness()
        }
        try phase(.idle, repetition) { () throws(RunError) in try wait(seconds: p.idleSeconds) }
        var units: Double?
        try phase(.load, repetition, functionalUnits: { units }) { () throws(RunError) in
            units = try runLoad(repetition)
        }
        try phase(.cooldown, repetition) { () throws(RunError) in try wait(seconds: p.cooldownSeconds) }
        stopService()
    }

    /// Records one phase: its start, the body, its end (only when the body finished).
    package func phase(_ name: PhaseName, _ repetition: Int, functionalUnits: () -> Double? = { nil },
                       _ body: () throws(RunError) -> Void) throws(RunError) {
        guard let runID else { return }
        let planned = plannedSeconds(name)
        progress.beginPhase(repetition: repetition, of: spec.repetitions, name: name, plannedSeconds: planned,
                            remainingAfterSeconds: remainingSeconds(after: name, repetition: repetition))
        let phaseID: Int64
        do {
            phaseID = try store.beginPhase(runID: runID, repetition: repetition, name: name,
                                           startNanoseconds: boundaryTick())
        } catch { throw .storage("\(error)") }
        try body()
        do {
            try store.endPhase(id: phaseID, endNanoseconds: boundaryTick(), functionalUnits: functionalUnits())
        } catch { throw .storage("\(error)") }
    }

    /// A sample of every channel taken at the boundary itself, so no counter is interpolated there.
    package func boundaryTick() -> Int64 {
        sampler?.tickNow()?.timeNanoseconds ?? now()
    }

    package func plannedSeconds(_ name: PhaseName) -> Double {
        switch name {
        case .baseline: return spec.phases.baselineSeconds
        case .idle: return spec.phases.idleSeconds
        case .load: return spec.phases.loadSeconds
        case .cooldown: return spec.phases.cooldownSeconds
        }
    }

    package func remainingSeconds(after name: PhaseName, repetition: Int) -> Double {
        let order = PhaseName.allCases
        let index = order.firstIndex(of: name) ?? 0
        let restOfThis = order[(index + 1)...].reduce(0) { $0 + plannedSeconds($1) }
        return restOfThis + Double(spec.repetitions - repetition) * spec.phases.totalSeconds
    }

    /// Waits, keeping the progress line fresh and watching for signals, a dead service and the store.
    package func wait(seconds: Double) throws(RunError) {
        let deadline = MonotonicClock.nowNanoseconds() + Int64(seconds * 1e9)
        while true {
            try checkHealth()
            let left = Double(deadline - MonotonicClock.nowNanoseconds()) / 1e9
            if left <= 0 { return }
            stop.wait(seconds: min(left, 0.1))
        }
    }

    package func checkHealth() throws(RunError) {
        if let signal = stop.reason { throw .interrupted(signal: signal) }
        if let sampler {
            progress.update(sample: sampler.latest())
            if sampler.writeFailed { throw .storage(sampler.problems().last { $0.hasPrefix("store:") } ?? "write failed") }
        }
        if let service, let ended = service.poll(), let command = spec.service {
            throw command.location.runFailure("the service ended early (\(ended.description)); its output is in "
                                              + service.stderrPath)
        }
    }

    /// Starts a command; `inWorkload` puts it in the workload's cgroup and tracked tree.
    package func launch(_ command: WorkloadSpec.Command, label: String, inWorkload: Bool = true) throws(RunError) -> LaunchedProcess {
        let resolved: WorkloadSpec.ResolvedCommand
        do { resolved = try command.resolved(with: placeholders) } catch { throw .workload(error) }
        do {
            let process = try ProcessLauncher.launch(
                argv: resolved.argv, environment: resolved.environment, workingDirectory: resolved.workingDirectory,
                cgroupProcsPath: inWorkload ? cgroup?.procsFilePath : nil,
                outputPrefix: runDirectory + "/" + label, label: label)
            if inWorkload { target.addRootPID(process.pid) }
            return process
        } catch let error as LaunchError {
            throw command.location.runFailure(error.description)
        } catch {
            throw command.location.runFailure("\(error)")
        }
    }

    /// Runs a setup, teardown or readiness command until it exits; non-zero is a failure.
    package func runToCompletion(_ command: WorkloadSpec.Command, label: String) throws(RunError) {
        let process = try launch(command, label: label)
        guard let ended = process.wait(timeoutSeconds: command.timeoutSeconds ?? 600, stop: stop) else {
            process.terminateGroup(graceSeconds: config.stopGraceSeconds)
            if let signal = stop.reason { throw .interrupted(signal: signal) }
            throw command.location.runFailure("did not finish within \(command.timeoutSeconds ?? 600) s")
        }
        process.terminateGroup(graceSeconds: 0)  // reap what it may have left in its group
        if !ended.succeeded {
            throw command.location.runFailure("failed with \(ended.description); output in \(process.stderrPath)")
        }
    }

    package func awaitReadiness() throws(RunError) {
        for check in spec.readiness {
            let deadline = MonotonicClock.nowNanoseconds() + Int64(check.timeoutSeconds * 1e9)
            while true {
                try checkHealth()
                switch check.probe {
                case .tcp(let host, let port):
                    if TCPReadiness.accepts(host: host, port: port) { break }
                    if MonotonicClock.nowNanoseconds() >= deadline {
                        throw check.location.runFailure(
                            "\(host):\(port) did not accept a connection within \(check.timeoutSeconds) s")
                    }
                    stop.wait(seconds: 0.1)
                    continue
                case .command(let command):
                    let process = try launch(command, label: "ready")
                    let ended = process.wait(timeoutSeconds: check.timeoutSeconds, stop: stop)
                    process.terminateGroup(graceSeconds: 0)
                    if ended?.succeeded == true { break }
                    if MonotonicClock.nowNanoseconds() >= deadline {
                        throw check.location.runFailure("readiness command did not succeed within \(check.timeoutSeconds) s")
                    }
                    stop.wait(seconds: 0.2)
                    continue
                }
                break
            }
        }
    }

    /// Runs the load generator for the load phase; returns the functional units it produced.
    package func runLoad(_ repetition: Int) throws(RunError) -> Double {
        let command = spec.load.command
        let started = MonotonicClock.nowNanoseconds()
        // With a service, the load command is a client (wrk, pgbench): not part of the measured
        // application, so its CPU time stays unattributed. Without one, the load is the workload.
        let process = try launch(command, label: "load-\(repetition)", inWorkload: spec.service == nil)
        let limit = command.timeoutSeconds ?? (spec.phases.loadSeconds + max(30, spec.phases.loadSeconds))
        var ended: LaunchedProcess.Termination?
        while ended == nil {
            ended = process.wait(timeoutSeconds: 0.1, stop: stop)
            if ended != nil { break }
            progress.update(sample: sampler?.latest() ?? (-1, []))
            if let signal = stop.reason {
                process.terminateGroup(graceSeconds: config.stopGraceSeconds)
                throw .interrupted(signal: signal)
            }
            if Double(MonotonicClock.nowNanoseconds() - started) / 1e9 > limit {
                process.terminateGroup(graceSeconds: config.stopGraceSeconds)
                throw command.location.runFailure("the load did not finish within \(limit) s")
            }
        }
        process.terminateGroup(graceSeconds: 0)
        let duration = Double(MonotonicClock.nowNanoseconds() - started) / 1e9
        let output = process.output()
        if let ended, !ended.succeeded {
            throw command.location.runFailure("the load failed with \(ended.description); output in \(process.stderrPath)")
        }
        do {
            return try spec.load.functionalUnits.units(stdout: output.stdout, stderr: output.stderr,
                                                      loadDurationSeconds: duration)
        } catch { throw .workload(error) }
    }
}
