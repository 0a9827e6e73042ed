import Foundation

/// Waits until a namespace's Deployments and StatefulSets have all replicas ready and its
/// other pods are Running with condition Ready; fails at once on a Failed pod or a container
/// stuck in CrashLoopBackOff (or an image that cannot be pulled), and at the timeout, both
/// with the namespace's newest events.
public struct KubernetesReadiness {
    public let client: KubernetesClient
    public let namespace: String
    public var timeoutSeconds: Double
    public var pollSeconds: Double
    /// The stop signal's name once one arrived.
    public var stopReason: () -> String?

    package static let hopelessReasons: Set<String> = ["CrashLoopBackOff", "ImagePullBackOff", "ErrImagePull", "InvalidImageName",
                                               "CreateContainerConfigError", "CreateContainerError"]

    public init(client: KubernetesClient, namespace: String, timeoutSeconds: Double, pollSeconds: Double,
                stopReason: @escaping () -> String?) {
        self.client = client
        self.namespace = namespace
        self.timeoutSeconds = timeoutSeconds
        self.pollSeconds = pollSeconds
        self.stopReason = stopReason
    }

    public func wait() throws(KubernetesError) {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        while true {
            if let signal = stopReason() { throw .interrupted(signal: signal) }
            let waiting = try pending()
            if waiting.isEmpty { return }
            if Date() >= deadline {
                throw .notReady(namespace: namespace,
                                message: "not ready within \(Self.format(timeoutSeconds)) s: " + waiting.joined(separator: "; "),
                                events: KubernetesEvents.newest(client: client, namespace: namespace))
            }
            Thread.sleep(forTimeInterval: pollSeconds)
        }
    }

    /// What is not ready yet (empty: all ready); throws for a pod that will not become ready.
    package func pending() throws(KubernetesError) -> [String] {
        var waiting: [String] = []
        for (resource, kind) in [("deployments", "Deployment"), ("statefulsets", "StatefulSet")] {
            for item in try client.list("/apis/apps/v1/namespaces/\(namespace)/\(resource)", of: KubernetesReplicated.self) {
                let name = item.metadata?.name ?? "?"
                let wanted = item.spec?.replicas ?? 1
                let ready = item.status?.readyReplicas ?? 0
                if ready < wanted { waiting.append("\(kind) \(name): \(ready)/\(wanted) replicas ready") }
            }
        }
        for pod in try client.list("/api/v1/namespaces/\(namespace)/pods", of: KubernetesPod.self) {
            let state = KubernetesPodState(pod)
            if state.ownedByJob { continue }
            if let failure = state.failure {
                throw .notReady(namespace: namespace, message: "pod \(state.name) failed: \(failure)",
                                events: KubernetesEvents.newest(client: client, namespace: namespace))
            }
            if !state.isReady && state.phase != "Succeeded" {
                waiting.append("pod \(state.name): \(state.summary)")
            }
        }
        return waiting
    }

    package static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(format: "%.1f", seconds)
    }
}
