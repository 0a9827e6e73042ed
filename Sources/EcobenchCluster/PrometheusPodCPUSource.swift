import Foundation

/// Per-pod CPU seconds and per-node busy CPU seconds in a window, from a Prometheus that
/// scrapes ecobench agents and/or the kubelets' cAdvisor and/or node-exporter.
///
/// - Pods: `ecobench_pod_cpu_seconds_total{pod_uid,qos}` (agents, from the pods' cgroups) where a
///   node has it, else cAdvisor's `container_cpu_usage_seconds_total{namespace,pod,container!=""}`
///   summed over the pod's containers (the pod-level series without `container` and the pause
///   container `POD` left out, so nothing counts twice). Agents know pods only by UID; names and
///   namespaces are added from cAdvisor's series for the same UID when Prometheus has them
///   (cAdvisor's `id` label holds the pod's cgroup path).
/// - Busy CPU: `ecobench_node_cpu_seconds_total{mode="busy"}` where a node has it, else
///   node-exporter's `node_cpu_seconds_total{mode=~"user|nice|system|irq|softirq"}` summed over
///   CPUs: the same modes as the agent's busy time (idle, iowait and steal left out).
/// Increases are computed from raw samples like node energy (`SeriesWindowAmount`).
public struct PrometheusPodCPUSource: PodCPUSource {
    public let client: PrometheusClient
    public let nodeLabel: PrometheusNodeLabel
    public let marginSeconds: Double

    public init(client: PrometheusClient, nodeLabel: PrometheusNodeLabel = PrometheusNodeLabel(),
                marginSeconds: Double = 60) {
        self.client = client
        self.nodeLabel = nodeLabel
        self.marginSeconds = marginSeconds
    }

    public var label: String { "prometheus \(client.baseURL)" }

    package static let agentPods = "ecobench_pod_cpu_seconds_total"
    package static let cadvisor = "container_cpu_usage_seconds_total{container!=\"\",container!=\"POD\",pod!=\"\"}"
    package static let agentBusy = "ecobench_node_cpu_seconds_total{mode=\"busy\"}"
    package static let nodeExporterBusy = "node_cpu_seconds_total{mode=~\"user|nice|system|irq|softirq\"}"

    public func podCPU(in window: ClusterWindow) throws -> [PodCPUReading] {
        let agent = try increases(Self.agentPods, window)
        let cadvisor = try increases(Self.cadvisor, window)
        var names: [String: (namespace: String?, pod: String?)] = [:]
        for (_, list) in cadvisor {
            for (series, _) in list {
                if let uid = Self.podUID(fromCgroupPath: series.labels["id"] ?? "") {
                    names[uid] = (series.labels["namespace"], series.labels["pod"])
                }
            }
        }
        var out: [PodCPUReading] = []
        for node in Set(agent.keys).union(cadvisor.keys).sorted() {
            if let list = agent[node], !list.isEmpty {
                var seconds: [String: Double] = [:]
                for (series, amount) in list { seconds[series.labels["pod_uid"] ?? "", default: 0] += amount }
                for (uid, cpu) in seconds.sorted(by: { $0.key < $1.key }) where !uid.isEmpty {
                    out.append(PodCPUReading(namespace: names[uid]?.namespace, pod: names[uid]?.pod, podUID: uid,
                                             node: node, cpuSeconds: cpu, source: "\(label) \(Self.agentPods)"))
                }
                continue
            }
            var pods: [String: (namespace: String?, pod: String?, uid: String, seconds: Double)] = [:]
            for (series, amount) in cadvisor[node] ?? [] {
                let namespace = series.labels["namespace"], pod = series.labels["pod"]
                let key = (namespace ?? "") + "/" + (pod ?? "")
                let uid = Self.podUID(fromCgroupPath: series.labels["id"] ?? "") ?? ""
                pods[key, default: (namespace, pod, uid, 0)].seconds += amount
            }
            for (_, entry) in pods.sorted(by: { $0.key < $1.key }) {
                out.append(PodCPUReading(namespace: entry.namespace, pod: entry.pod, podUID: entry.uid, node: node,
                                         cpuSeconds: entry.seconds, source: "\(label) container_cpu_usage_seconds_total"))
            }
        }
        return out
    }

    public func nodeBusyCPUSeconds(in window: ClusterWindow) throws -> [String: Double] {
        let agent = try increases(Self.agentBusy, window)
        let nodeExporter = try increases(Self.nodeExporterBusy, window)
        var out: [String: Double] = [:]
        for node in Set(agent.keys).union(nodeExporter.keys) {
            let list = agent[node].flatMap { $0.isEmpty ? nil : $0 } ?? nodeExporter[node] ?? []
            out[node] = list.reduce(0) { $0 + $1.1 }
        }
        return out
    }

    /// Each series' counter increase in the window, grouped by node.
    private func increases(_ selector: String, _ window: ClusterWindow) throws -> [String: [(PrometheusSeries, Double)]] {
        let start = Double(window.startUnixNanoseconds) / 1e9, end = Double(window.endUnixNanoseconds) / 1e9
        let query = PrometheusNodeEnergySource.rangeQuery(selector, start: start, end: end, margin: marginSeconds)
        let series = try client.query(query.expression, atSeconds: query.atSeconds)
        return try nodeLabel.group(series, query: query.expression, url: client.baseURL).mapValues { list in
            list.map { ($0, SeriesWindowAmount.counterIncrease($0.points, fromSeconds: start, toSeconds: end).amount) }
        }
    }

    /// The pod UID in a cgroup path: `…/kubepods-burstable-pod<uid with _>.slice/…` (systemd
    /// driver) or `…/kubepods/burstable/pod<uid>/…` (cgroupfs driver). ASCII paths (all that
    /// cAdvisor writes) are read byte by byte: with Foundation's search this was a quarter of
    /// `cluster-energy`'s time at fleet scale (docs/performance.md); any other by `characterUID`.
    public static func podUID(fromCgroupPath path: String) -> String? {
        var path = path
        return path.withUTF8 { bytes -> String?? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }  // → characterUID
            for component in bytes.split(separator: UInt8(ascii: "/")).reversed() {
                var name = component[...]
                if name.count >= 6, name.suffix(6).elementsEqual(".slice".utf8) { name = name.dropLast(6) }
                guard let pod = (name.startIndex..<max(name.startIndex, name.endIndex - 2)).last(where: {
                    name[$0] == UInt8(ascii: "p") && name[$0 + 1] == UInt8(ascii: "o") && name[$0 + 2] == UInt8(ascii: "d")
                }) else { continue }
                let uid = name[(pod + 3)...]
                guard pod == name.startIndex || name[pod - 1] == UInt8(ascii: "-"), uid.count == 36,
                      uid.allSatisfy({ isHexDigitOrDash($0) || $0 == UInt8(ascii: "_") }) else { continue }
                return String(decoding: uid.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: "-") : $0 }, as: UTF8.self)
                    .lowercased()
            }
            return .some(nil)
        } ?? characterUID(fromCgroupPath: path)
    }

    private static func isHexDigitOrDash(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"),
             UInt8(ascii: "-"): return true
        default: return false
        }
    }

    /// The same by characters (any path).
    package static func characterUID(fromCgroupPath path: String) -> String? {
        for component in path.split(separator: "/").reversed() {
            var name = Substring(component)
            if name.hasSuffix(".slice") { name = name.dropLast(".slice".count) }
            guard let range = name.range(of: "pod", options: .backwards) else { continue }
            let uid = name[range.upperBound...].replacingOccurrences(of: "_", with: "-")
            let before = name[..<range.lowerBound]
            guard before.isEmpty || before.hasSuffix("-"), uid.count == 36,
                  uid.allSatisfy({ $0.isHexDigit || $0 == "-" }) else { continue }
            return uid.lowercased()
        }
        return nil
    }
}
