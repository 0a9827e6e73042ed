import Foundation

/// Runs the workload's load generator as a Job in the namespace: create it, wait until it
/// succeeds or fails, read its pod's log (where the functional units are counted).
public struct KubernetesLoadJob {
    public let client: KubernetesClient
    public let namespace: String
    public let manifest: KubernetesManifest
    public var timeoutSeconds: Double
    public var pollSeconds: Double
    public var stopReason: () -> String?

    public init(client: KubernetesClient, namespace: String, manifest: KubernetesManifest, timeoutSeconds: Double,
                pollSeconds: Double, stopReason: @escaping () -> String?) {
        self.client = client
        self.namespace = namespace
        self.manifest = manifest
        self.timeoutSeconds = timeoutSeconds
        self.pollSeconds = pollSeconds
        self.stopReason = stopReason
    }

    var jobPath: String { manifest.kind.collectionPath(namespace: namespace) + "/" + manifest.name }

    /// Creates the Job and waits for it; returns its pod's log.
    public func run() throws(KubernetesError) -> String {
        try KubernetesApplier(client: client, namespace: namespace).create(manifest)
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let signal = stopReason() { throw .interrupted(signal: signal) }
            let job = try client.get(jobPath)
            let status = job["status"] as? [String: Any] ?? [:]
            let conditions = status["conditions"] as? [[String: Any]] ?? []
            func condition(_ type: String) -> [String: Any]? {
                conditions.first { $0["type"] as? String == type && $0["status"] as? String == "True" }
            }
            if condition("Complete") != nil || (status["succeeded"] as? Int ?? 0) >= 1 { break }
            let backoffLimit = (job["spec"] as? [String: Any])?["backoffLimit"] as? Int ?? 6
            if let failed = condition("Failed") {
                throw fail("failed: \(failed["reason"] as? String ?? "") \(failed["message"] as? String ?? "")" + lastLog())
            }
            if (status["failed"] as? Int ?? 0) > backoffLimit {
                throw fail("failed \(status["failed"] as? Int ?? 0) times (backoffLimit \(backoffLimit))" + lastLog())
            }
            for pod in try pods() {
                let state = KubernetesPodState(pod)
                if state.phase != "Failed", let failure = state.failure {
                    throw fail("pod \(state.name): \(failure)")
                }
            }
            if Date() >= deadline {
                throw fail("did not finish within \(KubernetesReadiness.format(timeoutSeconds)) s")
            }
            Thread.sleep(forTimeInterval: pollSeconds)
        }
        let all = try pods()
        let succeeded = all.first { KubernetesPodState($0).phase == "Succeeded" } ?? all.first
        guard let pod = succeeded, let name = (pod["metadata"] as? [String: Any])?["name"] as? String else {
            throw fail("succeeded, but no pod with label job-name=\(manifest.name) is left to read the log from")
        }
        return try client.text("/api/v1/namespaces/\(namespace)/pods/\(name)/log")
    }

    func pods() throws(KubernetesError) -> [[String: Any]] {
        try client.list("/api/v1/namespaces/\(namespace)/pods?labelSelector=job-name%3D\(manifest.name)")
    }

    /// The tail of a failed pod's log, when it can be read.
    func lastLog() -> String {
        guard let pod = try? pods().first, let name = (pod["metadata"] as? [String: Any])?["name"] as? String,
              let log = try? client.text("/api/v1/namespaces/\(namespace)/pods/\(name)/log"), !log.isEmpty else { return "" }
        return "; log tail: " + String(log.suffix(400))
    }

    func fail(_ message: String) -> KubernetesError {
        .loadJob(namespace: namespace, job: manifest.name, message: message,
                 events: KubernetesEvents.newest(client: client, namespace: namespace))
    }
}
