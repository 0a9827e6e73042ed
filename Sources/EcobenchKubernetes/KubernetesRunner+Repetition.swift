import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchCluster
import EcobenchRun

extension KubernetesRunner {
    package func namespaceName(_ repetition: Int) -> String {
        "\(config.namespacePrefix)-\(runID ?? 0)-r\(repetition)"
    }

    /// One repetition; the namespace is deleted whatever happens after it was asked for.
    package func runRepetition(_ repetition: Int, manifests: [KubernetesManifest], job: KubernetesManifest,
                               timeouts: WorkloadSpec.Kubernetes) throws(RunError) {
        let p = spec.phases
        try phase(.baseline, repetition) { () throws(RunError) in try wait(seconds: p.baselineSeconds) }
        let namespace = KubernetesNamespace(client: client, name: namespaceName(repetition))
        var failure: RunError?
        do {
            try deploy(namespace, repetition: repetition, manifests: manifests, timeouts: timeouts)
            listPods(namespace.name, repetition: repetition)
            try phase(.idle, repetition) { () throws(RunError) in try wait(seconds: p.idleSeconds) }
            listPods(namespace.name, repetition: repetition)
            var units: Double?
            try phase(.load, repetition, functionalUnits: { units }) { () throws(RunError) in
                units = try runLoad(job, namespace: namespace.name, timeouts: timeouts)
            }
            listPods(namespace.name, repetition: repetition)
            try phase(.cooldown, repetition) { () throws(RunError) in try wait(seconds: p.cooldownSeconds) }
        } catch {
            failure = error
        }
        tearDown(namespace, repetition: repetition)
        if let failure { throw failure }
    }

    package func deploy(_ namespace: KubernetesNamespace, repetition: Int, manifests: [KubernetesManifest],
                        timeouts: WorkloadSpec.Kubernetes) throws(RunError) {
        progress.log("repetition \(repetition): deploying into namespace \(namespace.name)")
        let labels = ["app.kubernetes.io/managed-by": "ecobench", "ecobench.io/run": "\(runID ?? 0)",
                      "ecobench.io/workload": spec.name, "ecobench.io/repetition": "\(repetition)"]
        do {
            try namespace.create(labels: labels)
            try KubernetesApplier(client: client, namespace: namespace.name).createAll(manifests)
            try KubernetesReadiness(client: client, namespace: namespace.name, timeoutSeconds: timeouts.readyTimeoutSeconds,
                                    pollSeconds: config.pollSeconds, stopReason: { [stop] in stop.reason }).wait()
        } catch {
            throw Self.runError(error)
        }
    }

    package func runLoad(_ job: KubernetesManifest, namespace: String, timeouts: WorkloadSpec.Kubernetes) throws(RunError) -> Double {
        let limit = timeouts.jobTimeoutSeconds ?? (spec.phases.loadSeconds + max(60, spec.phases.loadSeconds))
        let started = MonotonicClock.nowNanoseconds()
        let log: String
        do {
            log = try KubernetesLoadJob(client: client, namespace: namespace, manifest: job, timeoutSeconds: limit,
                                        pollSeconds: config.pollSeconds, stopReason: { [stop] in stop.reason }).run()
        } catch {
            throw Self.runError(error)
        }
        let duration = Double(MonotonicClock.nowNanoseconds() - started) / 1e9
        if let runID {
            let path = outputDirectory + "/run-\(runID)/\(namespace)-load.log"
            try? log.write(toFile: path, atomically: true, encoding: .utf8)
        }
        do {
            return try spec.load.functionalUnits.units(stdout: log, stderr: "", loadDurationSeconds: duration)
        } catch { throw .workload(error) }
    }

    /// Deletes the namespace and waits until it is gone; never throws (a namespace left
    /// behind is a note and an entry in the report naming it).
    package func tearDown(_ namespace: KubernetesNamespace, repetition: Int) {
        progress.log("repetition \(repetition): deleting namespace \(namespace.name)")
        do {
            try namespace.delete(timeoutSeconds: config.teardownTimeoutSeconds, pollSeconds: config.pollSeconds)
            section.namespaces.append(.init(repetition: repetition, name: namespace.name, deleted: true))
        } catch {
            section.namespaces.append(.init(repetition: repetition, name: namespace.name, deleted: false,
                                            error: error.description))
            notes.append("namespace \(namespace.name) may be left in the cluster: \(error.description)")
        }
    }

    package static func runError(_ error: KubernetesError) -> RunError {
        if case .interrupted(let signal) = error { return .interrupted(signal: signal) }
        return .kubernetes(error.description)
    }

    package func phase(_ name: PhaseName, _ repetition: Int, functionalUnits: () -> Double? = { nil },
                       _ body: () throws(RunError) -> Void) throws(RunError) {
        try driver.phase(name, repetition, functionalUnits: functionalUnits, body)
    }

    package func wait(seconds: Double) throws(RunError) { try driver.wait(seconds: seconds) }
}
