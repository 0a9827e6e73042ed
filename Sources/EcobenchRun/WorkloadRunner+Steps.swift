import Foundation
import EcobenchModel
import EcobenchCollect

extension WorkloadRunner {
    package var placeholders: [String: String] { spec.placeholderValues(runDirectory: runDirectory) }

    package func runSteps() throws(RunError) {
        for (index, command) in spec.setup.enumerated() {
            try runToCompletion(command, label: "setup-\(index + 1)")
        }
        try driver.repeatWorkload({ (repetition: Int) throws(RunError) in try runRepetition(repetition) },
                                  after: { pullAgents(repetition: $0) })
    }

    package func runRepetition(_ repetition: Int) throws(RunError) {
        let p = spec.phases
        try phase(.baseline, repetition) { () throws(RunError) in try wait(seconds: p.baselineSeconds) }
        if let serviceCommand = spec.service {
            service = try launch(serviceCommand, label: "service-\(repetition)")
        }
        try launchServices(repetition)
        if spec.hasService { try awaitReadiness() }
        try phase(.idle, repetition) { () throws(RunError) in try wait(seconds: p.idleSeconds) }
        var units: Double?
        try phase(.load, repetition, functionalUnits: { units }) { () throws(RunError) in
            units = try runLoad(repetition)
        }
        try phase(.cooldown, repetition) { () throws(RunError) in try wait(seconds: p.cooldownSeconds) }
        stopService()
    }

    package func phase(_ name: PhaseName, _ repetition: Int, functionalUnits: () -> Double? = { nil },
                       _ body: () throws(RunError) -> Void) throws(RunError) {
        try driver.phase(name, repetition, functionalUnits: functionalUnits, body)
    }

    package func wait(seconds: Double) throws(RunError) { try driver.wait(seconds: seconds) }

    /// Starts a command; `inWorkload` puts it in the workload's cgroup and tracked tree, `consumer`
    /// (a `RunConsumer`'s channel prefix) in that consumer's instead.
    package func launch(_ command: WorkloadSpec.Command, label: String, inWorkload: Bool = true,
                        consumer: String? = nil) throws(RunError) -> LaunchedProcess {
        let own = consumer.flatMap { self.consumer($0) }
        let resolved: WorkloadSpec.ResolvedCommand
        do { resolved = try command.resolved(with: placeholders) } catch { throw .workload(error) }
        do {
            let process = try ProcessLauncher.launch(
                argv: resolved.argv, environment: resolved.environment, workingDirectory: resolved.workingDirectory,
                cgroupProcsPath: own.map { $0.cgroup?.procsFilePath } ?? (inWorkload ? cgroup?.procsFilePath : nil),
                outputPrefix: runDirectory + "/" + label, label: label)
            if let own { own.target.addRootPID(process.pid) } else if inWorkload { target.addRootPID(process.pid) }
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
                if let signal = stop.reason { throw .interrupted(signal: signal) }
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
}
