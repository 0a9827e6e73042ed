import Foundation

/// The OpenStack instance (VM) a Kubernetes node runs on, from what names the machine under it:
/// `spec.providerID` `openstack:///<uuid>` or `openstack://<region>/<uuid>` (the OpenStack cloud
/// controller manager's form), else `status.nodeInfo.systemUUID` (libvirt gives a guest its
/// instance UUID as SMBIOS system UUID; on bare metal it matches no VM). The same fields reach
/// Prometheus as kube-state-metrics' `kube_node_info{node,provider_id,system_uuid}`.
public enum OpenStackInstanceID {
    /// `openstack:///<uuid>` and `openstack://<region>/<uuid>` → the UUID, lowercased.
    public static func uuid(providerID: String) -> String? {
        let prefix = "openstack://"
        guard providerID.lowercased().hasPrefix(prefix) else { return nil }
        guard let last = providerID.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false).last
        else { return nil }
        let uuid = last.lowercased()
        return isUUID(uuid) ? uuid : nil
    }

    /// A system UUID, lowercased, when it is one.
    public static func uuid(systemUUID: String) -> String? {
        let uuid = systemUUID.lowercased()
        return isUUID(uuid) ? uuid : nil
    }

    /// 8-4-4-4-12 lowercase hex digits: safe inside a PromQL regex.
    public static func isUUID(_ text: String) -> Bool {
        text.range(of: "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", options: .regularExpression) != nil
    }

    /// kube-state-metrics' `kube_node_info` series → node name → instance UUID (provider ID first).
    public static func instances(kubeNodeInfo series: [PrometheusSeries]) -> [String: String] {
        var out: [String: String] = [:]
        for entry in series {
            guard let node = entry.labels["node"], !node.isEmpty else { continue }
            if let uuid = entry.labels["provider_id"].flatMap(uuid(providerID:))
                ?? entry.labels["system_uuid"].flatMap(uuid(systemUUID:)) {
                out[node] = uuid
            }
        }
        return out
    }
}
