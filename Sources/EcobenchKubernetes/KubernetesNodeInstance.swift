import EcobenchCluster

/// The OpenStack instance (VM) a Kubernetes node runs on, for `HypervisorVMEnergySource`:
/// `spec.providerID` `openstack:///<uuid>` or `openstack://<region>/<uuid>` (the OpenStack
/// cloud controller manager's form), else `status.nodeInfo.systemUUID` lowercased (libvirt
/// gives a guest its instance UUID as SMBIOS system UUID; on bare metal it matches no VM).
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
        if let id = node.spec?.providerID, let uuid = openStackUUID(providerID: id) {
            return KubernetesNodeInstance(uuid: uuid, field: "spec.providerID")
        }
        if let system = node.status?.nodeInfo?.systemUUID.map({ $0.lowercased() }), isUUID(system) {
            return KubernetesNodeInstance(uuid: system, field: "status.nodeInfo.systemUUID")
        }
        return nil
    }

    /// `openstack:///<uuid>` and `openstack://<region>/<uuid>` → the UUID, lowercased.
    public static func openStackUUID(providerID: String) -> String? {
        let prefix = "openstack://"
        guard providerID.lowercased().hasPrefix(prefix) else { return nil }
        let rest = providerID.dropFirst(prefix.count)
        guard let last = rest.split(separator: "/", omittingEmptySubsequences: false).last else { return nil }
        let uuid = last.lowercased()
        return isUUID(uuid) ? uuid : nil
    }

    private static func isUUID(_ text: String) -> Bool { HypervisorVMEnergySource.isUUID(text) }
}
