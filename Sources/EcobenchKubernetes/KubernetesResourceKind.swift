/// The namespaced kinds ecobench creates, and where their REST collections are.
/// Anything else in a workload's manifests is refused before the namespace is created.
public struct KubernetesResourceKind: Sendable, Equatable {
    public var apiVersion: String
    public var kind: String
    /// Plural resource name in the URL (`deployments`).
    public var resource: String

    public static let supported: [KubernetesResourceKind] = [
        .init(apiVersion: "v1", kind: "ConfigMap", resource: "configmaps"),
        .init(apiVersion: "v1", kind: "Secret", resource: "secrets"),
        .init(apiVersion: "v1", kind: "Service", resource: "services"),
        .init(apiVersion: "v1", kind: "Pod", resource: "pods"),
        .init(apiVersion: "v1", kind: "PersistentVolumeClaim", resource: "persistentvolumeclaims"),
        .init(apiVersion: "v1", kind: "ServiceAccount", resource: "serviceaccounts"),
        .init(apiVersion: "apps/v1", kind: "Deployment", resource: "deployments"),
        .init(apiVersion: "apps/v1", kind: "StatefulSet", resource: "statefulsets"),
        .init(apiVersion: "batch/v1", kind: "Job", resource: "jobs"),
    ]

    public static func find(apiVersion: String, kind: String) -> KubernetesResourceKind? {
        supported.first { $0.apiVersion == apiVersion && $0.kind == kind }
    }

    /// `/api/v1/namespaces/NS/services` or `/apis/apps/v1/namespaces/NS/deployments`.
    public func collectionPath(namespace: String) -> String {
        let group = apiVersion.contains("/") ? "/apis/" + apiVersion : "/api/" + apiVersion
        return group + "/namespaces/" + namespace + "/" + resource
    }

    public static var supportedList: String {
        supported.map { "\($0.apiVersion) \($0.kind)" }.joined(separator: ", ")
    }
}
