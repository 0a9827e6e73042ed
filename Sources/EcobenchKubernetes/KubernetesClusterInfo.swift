import EcobenchReport

/// The cluster as the report records it: API server version and nodes (zone, SCS flavor,
/// kubelet version from their labels and status).
public enum KubernetesClusterInfo {
    public static let zoneLabel = "topology.kubernetes.io/zone"
    public static let instanceTypeLabel = "node.kubernetes.io/instance-type"

    /// GET /version and GET /api/v1/nodes. Reading nodes needs a ClusterRole many users lack:
    /// a 403 there leaves the node list empty with a note instead of failing the run.
    public static func read(client: KubernetesClient) throws(KubernetesError) -> ReportKubernetes {
        let version = try client.get("/version", as: KubernetesVersionInfo.self).gitVersion
        var section = ReportKubernetes(server: client.endpoint.server, context: client.endpoint.contextName,
                                       version: version, tlsVerified: client.endpoint.tls.verifyPeer, nodes: [])
        do {
            section.nodes = try client.list("/api/v1/nodes", of: KubernetesNode.self).map(node).sorted { $0.name < $1.name }
        } catch .unauthorized(_, let status, let message) where status == 403 {
            section.notes.append("nodes not recorded: the user may not list nodes (HTTP 403: \(message))")
        }
        if !section.tlsVerified {
            section.notes.append("TLS not verified: the kubeconfig sets insecure-skip-tls-verify")
        }
        return section
    }

    package static func node(_ item: KubernetesNode) -> ReportKubernetes.Node {
        let labels = item.metadata?.labels ?? [:]
        let instanceType = labels[instanceTypeLabel]
        let instance = KubernetesNodeInstance.of(item)
        return ReportKubernetes.Node(
            name: item.metadata?.name ?? "?", zone: labels[zoneLabel], instanceType: instanceType,
            scsFlavor: instanceType.flatMap { $0.hasPrefix("SCS-") ? $0 : nil },
            kubeletVersion: item.status?.nodeInfo?.kubeletVersion, instanceUuid: instance?.uuid,
            instanceUuidField: instance?.field)
    }
}
