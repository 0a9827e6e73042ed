import Foundation

/// Buffered samples for `GET /samples`: channel names listed once, then one row per tick.
///
/// JSON form (documented in docs/agent-and-cluster.md, "Node agent"):
/// `{"clock":{"unix_ns":…,"monotonic_ns":…},"from_ns":…,"to_ns":…,"truncated":false,
///   "sources":["rapl.psys",…],"units":["J",…],"kinds":["measured",…],"semantics":["counter",…],
///   "roles":["platform",null,…],"polled":["redfish.…"],"staleness_bound_s":[0.0011,null,…],
///   "rows":[[t_unix_ns, v1, v2, …], …]}`
/// (`kinds`, `semantics`, `roles`: one per source, so a controller ranks a node's energy
/// channels like a local run does; `roles` is null for channels that are not node energy;
/// `polled`: the polled meters' channels, whose readings are rows of their own, so their nulls
/// in the other rows are not readings; `staleness_bound_s`: per source, how stale a stepped
/// counter's tick reading can be, learned by the sampler (`CounterStaleness`), null where none)
/// where a value is `null` when the channel had a gap or did not exist at that tick.
/// Counters are the agent's cumulative values (continued across restarts), gauges are levels.
public struct AgentSampleRange: Sendable {
    public struct Row: Sendable {
        public var timeUnixNanoseconds: Int64
        public var values: [Double?]
    }

    public var sources: [String] = []
    public var rows: [Row] = []
    /// True when more rows matched than the limit: ask again from the last row's time + 1.
    public var truncated = false

    public init() {}

    /// The JSON body, with the agent's clock at the time of the answer so a caller can align clocks.
    public func json(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64,
                     units: [String: String], clockUnixNanoseconds: Int64, clockMonotonicNanoseconds: Int64,
                     descriptors: [String: SourceDescriptor] = [:], polled: Set<String> = [],
                     stalenessBoundsSeconds: [String: Double] = [:]) -> String {
        var out = "{\"clock\":{\"unix_ns\":\(clockUnixNanoseconds),\"monotonic_ns\":\(clockMonotonicNanoseconds)},"
        out += "\"from_ns\":\(from),\"to_ns\":\(to),\"truncated\":\(truncated),"
        out += "\"sources\":[" + sources.map { AgentSampleRange.quoted($0) }.joined(separator: ",") + "],"
        out += "\"units\":[" + sources.map { AgentSampleRange.quoted(units[$0] ?? "") }.joined(separator: ",") + "],"
        if !descriptors.isEmpty {
            out += "\"kinds\":[" + sources.map { AgentSampleRange.quoted(descriptors[$0]?.kind.rawValue ?? "measured") }
                .joined(separator: ",") + "],"
            out += "\"semantics\":[" + sources.map {
                AgentSampleRange.quoted(descriptors[$0]?.semantics.rawValue ?? "gauge")
            }.joined(separator: ",") + "],"
            out += "\"roles\":[" + sources.map { name in
                descriptors[name]?.energyRole.map { AgentSampleRange.quoted($0.rawValue) } ?? "null"
            }.joined(separator: ",") + "],"
            out += "\"polled\":[" + sources.filter(polled.contains).map { AgentSampleRange.quoted($0) }
                .joined(separator: ",") + "],"
            out += "\"staleness_bound_s\":[" + sources.map { name in
                stalenessBoundsSeconds[name].map { "\($0)" } ?? "null"
            }.joined(separator: ",") + "],"
        }
        out.reserveCapacity(out.utf8.count + rows.count * (20 + sources.count * 12))
        Self.appendRows(rows.lazy.map { ($0.timeUnixNanoseconds, $0.values) }, to: &out)
        return out
    }

    /// `"rows":[[t, v…],…]}` and a newline: the end of a `/samples` or `/pods` answer.
    static func appendRows<S: Sequence>(_ rows: S, to out: inout String) where S.Element == (Int64, [Double?]) {
        out += "\"rows\":["
        for (index, row) in rows.enumerated() {
            if index > 0 { out += "," }
            out += "[\(row.0)"
            for value in row.1 {
                if let value { out += ",\(value)" } else { out += ",null" }
            }
            out += "]"
        }
        out += "]}\n"
    }

    /// A JSON string literal (channel names and units are plain ASCII, but escape anyway).
    static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
