import Foundation

/// `PodCPUSource` over the run's ecobench agents, without Prometheus: each agent's `/pods`
/// (pod cgroup scans, every `--pod-scan-interval`) for the window shifted by its clock offset
/// (drifting, `ClockDrift`), and the node's busy CPU from its `/samples` channel
/// `node.cpu.busy_seconds`, read through the same connected `AgentNodeEnergySource` that gives the node's energy.
///
/// A pod's CPU seconds in a window are its cgroup counter's growth, the counter interpolated
/// linearly at each window edge between the scans around it (`AgentWindowIntegral`). A pod that
/// starts or ends within the fetched scans counts what it used while it ran: before the first
/// scan that finds it, its counter is 0 at the scan just before (the cgroup did not exist yet,
/// and a new cgroup starts at 0); after the last scan that finds it, it stays at its last value
/// (CPU used between that scan and the pod's end is not seen, and nothing is invented for it).
/// Between scans the counter is interpolated, so a window edge is off by at most the pod's use
/// within one scan interval. Pods are known by UID only (the cgroup tree has no names): the
/// Kubernetes runner matches them to the API server's pods by UID. The node is the agent's name.
public struct AgentPodCPUSource: PodCPUSource {
    /// The connected agents (clock offsets measured) and their busy CPU channel.
    public let energy: AgentNodeEnergySource

    public init(energy: AgentNodeEnergySource) {
        self.energy = energy
    }

    public var nodes: [AgentNode] { energy.nodes }
    public var label: String { "agents (\(nodes.count)) /pods" }

    public func podCPU(in window: ClusterWindow) throws -> [PodCPUReading] {
        try podCPUReadings(in: window).readings
    }

    /// Every agent's pods; an agent that does not answer gives a note (its pods get no CPU),
    /// and the call throws only when no agent answered.
    public func podCPUReadings(in window: ClusterWindow) throws -> (readings: [PodCPUReading], notes: [String]) {
        var readings: [PodCPUReading] = []
        var notes: [String] = []
        var failures: [AgentClientError] = []
        for node in nodes {
            let (start, end) = node.clock.agentWindow(window)
            do throws(AgentClientError) {
                let scans = try node.client.podScans(fromUnixNanoseconds: start - AgentNodeEnergySource.paddingNanoseconds,
                                                     toUnixNanoseconds: end + AgentNodeEnergySource.paddingNanoseconds)
                readings += Self.readings(scans, node: node.name, source: "agent \(node.url)/pods (pod cgroup)",
                                          start: start, end: end)
            } catch {
                failures.append(error)
                notes.append("\(label): no pod CPU from agent \(node.name) for \(window.phase) of repetition "
                             + "\(window.repetition), its pods get none: \(error.description)")
            }
        }
        if let first = failures.first, failures.count == nodes.count { throw first }
        return (readings, notes)
    }

    /// The same agents with the alignments the energy source measured since (the one over the same
    /// agents, realigned by the run): pod scans are then asked with the drift too.
    public func adoptingClocks(of energySources: [NodeEnergySource]) -> PodCPUSource {
        let names = nodes.map(\.name)
        for case let agents as AgentNodeEnergySource in energySources where agents.nodes.map(\.name) == names {
            return AgentPodCPUSource(energy: agents)
        }
        return self
    }

    /// `node.cpu.busy_seconds` growth per agent (`AgentNodeEnergySource`'s reading of the window);
    /// an agent without that channel or without an answer has no entry.
    public func nodeBusyCPUSeconds(in window: ClusterWindow) throws -> [String: Double] {
        var out: [String: Double] = [:]
        for (node, list) in energy.readings(for: [window]) {
            if let busy = list.first?.busyCPUSeconds { out[node] = busy }
        }
        return out
    }

    /// One reading per pod that ran in [start, end] (agent unix ns) according to the scans.
    package static func readings(_ scans: AgentSamples, node: String, source: String, start: Int64, end: Int64) -> [PodCPUReading] {
        var out: [PodCPUReading] = []
        for channel in scans.channels {
            let points = series(scans, pod: channel.name)
            guard let delta = AgentWindowIntegral.integrate(points, start: start, end: end).delta else { continue }
            // A pod that used nothing here and was not found by a scan inside the window did not run in it.
            let seen = scans.points(of: channel.name).contains { $0.t >= start && $0.t <= end }
            guard delta > 0 || seen else { continue }
            out.append(PodCPUReading(namespace: nil, pod: nil, podUID: channel.name.lowercased(), node: node,
                                     cpuSeconds: max(0, delta), source: source))
        }
        return out.sorted { $0.podUID < $1.podUID }
    }

    /// The pod's (time, CPU seconds) points, with 0 at the scan before its first appearance and
    /// its last value at the scan after its last appearance, where those scans exist.
    package static func series(_ scans: AgentSamples, pod: String) -> [(t: Int64, value: Double)] {
        guard let column = scans.column(of: pod) else { return [] }
        let values = scans.rows.map { column < $0.values.count ? $0.values[column] : nil }
        guard let firstIndex = values.firstIndex(where: { $0 != nil }),
              let lastIndex = values.lastIndex(where: { $0 != nil }) else { return [] }
        var points: [(t: Int64, value: Double)] = []
        if firstIndex > 0 { points.append((scans.rows[firstIndex - 1].timeUnixNanoseconds, 0)) }
        for index in firstIndex...lastIndex {
            if let value = values[index] { points.append((scans.rows[index].timeUnixNanoseconds, value)) }
        }
        if lastIndex + 1 < values.count, let value = values[lastIndex] {
            points.append((scans.rows[lastIndex + 1].timeUnixNanoseconds, value))
        }
        return points
    }
}
