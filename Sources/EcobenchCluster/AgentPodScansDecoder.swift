import Foundation

extension AgentSamplesDecoder {
    /// `/pods` (`AgentWire.PodScans`, docs/agent-and-cluster.md, "Node agent"): `pods` (UIDs), `qos`, `rows` of
    /// [t_unix_ns, cpu_seconds or null per pod] → samples with one counter column (unit s) per pod UID.
    package static func podScans(_ data: Data) throws(FieldError) -> AgentSamples {
        let top = try decode(AgentWire.PodScans.self, data, whole: [
            "pods": "expected an array of strings", "qos": "expected an array of strings"])
        let uids = top.pods
        if let qos = top.qos, qos.count != uids.count {
            throw FieldError(field: "qos", problem: "expected an array of \(uids.count) strings")
        }
        let rows = try checkedRows(top.rows, columns: uids.count)
        for (r, row) in rows.enumerated() {
            if let j = row.values.firstIndex(where: { ($0 ?? 0) < 0 }) {
                throw FieldError(field: "rows[\(r)][\(j + 1)]", problem: "expected CPU seconds (a number ≥ 0) or null")
            }
        }
        let channels = uids.map { AgentSamples.Channel(name: $0, unit: "s", kind: .measured, semantics: .counter) }
        return AgentSamples(channels: channels, rows: rows, truncated: top.truncated ?? false)
    }
}
