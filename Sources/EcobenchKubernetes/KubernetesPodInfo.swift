import EcobenchReport

/// What the run needs to know about one of its pods to attribute energy to it: identity, node,
/// application labels, and whether it is the load Job's pod.
public struct KubernetesPodInfo: Sendable, Equatable {
    public var namespace: String
    public var name: String
    /// `metadata.uid`, lower case (cgroup paths and the agents carry it).
    public var uid: String
    /// `spec.nodeName`; nil while the pod is not scheduled.
    public var node: String?
    public var app: String?
    public var component: String?
    public var role: ReportKubernetes.PodRole

    public init(namespace: String, name: String, uid: String, node: String?, app: String?, component: String?,
                role: ReportKubernetes.PodRole) {
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.node = node
        self.app = app
        self.component = component
        self.role = role
    }

    /// GET /api/v1/namespaces/NS/pods. A pod is the load generator when the Job named
    /// `loadJobName` owns it (owner reference, or the `job-name` / `batch.kubernetes.io/job-name`
    /// labels the Job controller sets); every other pod is part of the application.
    public static func list(client: KubernetesClient, namespace: String,
                            loadJobName: String?) throws(KubernetesError) -> [KubernetesPodInfo] {
        try client.list("/api/v1/namespaces/\(namespace)/pods", of: KubernetesPod.self)
            .compactMap { parse($0, namespace: namespace, loadJobName: loadJobName) }
    }

    /// nil for an item without a name or UID (not a pod the API server would return).
    package static func parse(_ item: KubernetesPod, namespace: String, loadJobName: String?) -> KubernetesPodInfo? {
        let metadata = item.metadata ?? KubernetesObjectMeta()
        guard let name = metadata.name, let uid = metadata.uid, !uid.isEmpty else { return nil }
        let labels = metadata.labels ?? [:]
        let owners = metadata.ownerReferences ?? []
        var isLoad = false
        if let loadJobName {
            isLoad = owners.contains { $0.kind == "Job" && $0.name == loadJobName }
                || labels["job-name"] == loadJobName
                || labels["batch.kubernetes.io/job-name"] == loadJobName
        }
        return KubernetesPodInfo(
            namespace: metadata.namespace ?? namespace, name: name, uid: uid.lowercased(), node: item.spec?.nodeName,
            app: labels["app.kubernetes.io/name"] ?? labels["app"], component: labels["app.kubernetes.io/component"],
            role: isLoad ? .loadGenerator : .application)
    }
}
