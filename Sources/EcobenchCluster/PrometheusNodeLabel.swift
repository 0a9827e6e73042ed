/// Which label of a series names its node. `instance` (the default) is the scrape target,
/// `host:port`: the port is dropped so that an ecobench agent (`:9464`), a node-exporter
/// (`:9100`), Kepler and the kubelet's cAdvisor on one host name one node. Any other label
/// (`node`, `node_name`, `kubernetes_node`…, as relabelings set it) is taken as it is.
public struct PrometheusNodeLabel: Sendable, Equatable {
    public var name: String

    public init(_ name: String = "instance") { self.name = name }

    /// The node a series belongs to, nil when the series lacks the label.
    public func node(of labels: [String: String]) -> String? {
        guard let value = labels[name], !value.isEmpty else { return nil }
        return name == "instance" ? Self.host(ofInstance: value) : value
    }

    /// `10.0.0.5:9100` → `10.0.0.5`, `[fd00::5]:9100` → `fd00::5`, `node-1` → `node-1`.
    package static func host(ofInstance instance: String) -> String {
        if instance.hasPrefix("["), let close = instance.firstIndex(of: "]") {
            return String(instance[instance.index(after: instance.startIndex)..<close])
        }
        let parts = instance.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, Int(parts[1]) != nil { return String(parts[0]) }
        return instance
    }

    /// Groups series by node; a series without the label is an error naming the query and series.
    package func group(_ series: [PrometheusSeries], query: String, url: String) throws -> [String: [PrometheusSeries]] {
        var out: [String: [PrometheusSeries]] = [:]
        for entry in series {
            guard let node = node(of: entry.labels) else {
                throw PrometheusError.malformed(url: url, query: query, field: "metric.\(name)",
                                                detail: "series \(entry.selector) has no `\(name)` label "
                                                    + "(choose the node label with --prometheus-node-label)")
            }
            out[node, default: []].append(entry)
        }
        return out
    }
}
