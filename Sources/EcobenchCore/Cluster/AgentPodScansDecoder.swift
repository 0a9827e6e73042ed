import Foundation

extension AgentSamplesDecoder {
    /// `/pods` (docs/agent-and-cluster.md, "Node agent"): `pods` (UIDs), `qos`, `rows` of [t_unix_ns, cpu_seconds or
    /// null per pod] → samples with one counter column (unit s) per pod UID.
    static func podScans(_ data: Data) throws(FieldError) -> AgentSamples {
        let top = try object(data)
        guard let uids = top["pods"] as? [String] else {
            throw FieldError(field: "pods", problem: top["pods"] == nil ? "missing" : "expected an array of strings")
        }
        if let qos = top["qos"], (qos as? [String])?.count != uids.count {
            throw FieldError(field: "qos", problem: "expected an array of \(uids.count) strings")
        }
        guard let rawRows = top["rows"] as? [Any] else {
            throw FieldError(field: "rows", problem: top["rows"] == nil ? "missing" : "expected an array")
        }
        var rows: [AgentSamples.Row] = []
        rows.reserveCapacity(rawRows.count)
        for (r, raw) in rawRows.enumerated() {
            guard let cells = raw as? [Any], cells.count == uids.count + 1, let time = cells[0] as? NSNumber else {
                throw FieldError(field: "rows[\(r)]", problem: "expected [t_unix_ns, \(uids.count) values]")
            }
            var values: [Double?] = []
            values.reserveCapacity(uids.count)
            for (j, cell) in cells.dropFirst().enumerated() {
                if cell is NSNull { values.append(nil); continue }
                guard let number = cell as? NSNumber, number.doubleValue.isFinite, number.doubleValue >= 0 else {
                    throw FieldError(field: "rows[\(r)][\(j + 1)]", problem: "expected CPU seconds (a number ≥ 0) or null")
                }
                values.append(number.doubleValue)
            }
            rows.append(AgentSamples.Row(timeUnixNanoseconds: time.int64Value, values: values))
        }
        let channels = uids.map { AgentSamples.Channel(name: $0, unit: "s", kind: .measured, semantics: .counter) }
        return AgentSamples(channels: channels, rows: rows, truncated: (top["truncated"] as? Bool) ?? false)
    }
}
