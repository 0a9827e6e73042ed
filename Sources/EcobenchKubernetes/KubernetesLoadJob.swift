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

    package var jobPath: String { manifest.kind.collectionPath(namespace: namespace) + "/" + manifest.name }

    /// Creates the Job and waits for it; returns its pod's log.
    public func run() throws(KubernetesError) -> String {
        try KubernetesApplier(client: client, namespace: namespace).create(manifest)
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let signal = stopReason() { throw .interrupted(signal: signal) }
            let job = try client.get(jobPath, as: KubernetesJob.self)
            let conditions = job.status?.conditions ?? []
            let succeeded = job.status?.succeeded ?? 0
            let failedCount = job.status?.failed ?? 0
            if conditions.contains(where: { $0.holds("Complete") }) || succeeded >= 1 { break }
            let backoffLimit = job.spec?.backoffLimit ?? 6
            if let failed = conditions.first(where: { $0.holds("Failed") }) {
                throw fail("failed: \(failed.reason ?? "") \(failed.message ?? "")" + lastLog())
            }
            if failedCount > backoffLimit {
                throw fail("failed \(failedCount) times (backoffLimit \(backoffLimit))" + lastLog())
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
        guard let pod = succeeded, let name = pod.metadata?.name else {
            throw fail("succeeded, but no pod with label job-name=\(manifest.name) is left to read the log from")
        }
        return try client.text("/api/v1/namespaces/\(namespace)/pods/\(name)/log")
    }

    package func pods() throws(KubernetesError) -> [KubernetesPod] {
        try client.list("/api/v1/namespaces/\(namespace)/pods?labelSelector=job-name%3D\(manifest.name)", of: KubernetesPod.self)
    }

    /// The tail of a failed pod's log, when it can be read.
    package func lastLog() -> String {
        guard let pod = try? pods().first, let name = pod.metadata?.name,
              let log = try? client.text("/api/v1/namespaces/\(namespace)/pods/\(name)/log"), !log.isEmpty else { return "" }
        return "; log tail: " + String(log.suffix(400))
    }

    package func fail(_ message: String) -> KubernetesError {
        .loadJob(namespace: namespace, job: manifest.name, message: message,
                 events: KubernetesEvents.newest(client: client, namespace: namespace))
    }
}
