import EcobenchCluster

/// The OpenStack instance (VM) a Kubernetes node runs on, for `HypervisorVMEnergySource`: its
/// `spec.providerID`, else its `status.nodeInfo.systemUUID` (`OpenStackInstanceID`).
public struct KubernetesNodeInstance: Sendable, Equatable {
    /// Lowercase UUID.
    public var uuid: String
    /// Which field named it: `spec.providerID` or `status.nodeInfo.systemUUID`.
    public var field: String

    public init(uuid: String, field: String) {
        self.uuid = uuid
        self.field = field
    }

    /// nil when neither field names a UUID (another cloud's provider ID and no system UUID).
    public static func of(_ node: KubernetesNode) -> KubernetesNodeInstance? {
        if let uuid = node.spec?.providerID.flatMap(OpenStackInstanceID.uuid(providerID:)) {
            return KubernetesNodeInstance(uuid: uuid, field: "spec.providerID")
        }
        if let uuid = node.status?.nodeInfo?.systemUUID.flatMap(OpenStackInstanceID.uuid(systemUUID:)) {
            return KubernetesNodeInstance(uuid: uuid, field: "status.nodeInfo.systemUUID")
        }
        return nil
    }
}
