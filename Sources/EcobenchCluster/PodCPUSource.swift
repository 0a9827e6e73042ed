/// CPU seconds one pod used on its node in a window (from its cgroup, through an agent, or
/// from cAdvisor's `container_cpu_usage_seconds_total` through Prometheus).
public struct PodCPUReading: Sendable, Equatable, Codable {
    public var namespace: String?
    public var pod: String?
    public var podUID: String
    public var node: String
    public var cpuSeconds: Double
    public var source: String

    public init(namespace: String?, pod: String?, podUID: String, node: String, cpuSeconds: Double, source: String) {
        self.namespace = namespace
        self.pod = pod
        self.podUID = podUID
        self.node = node
        self.cpuSeconds = cpuSeconds
        self.source = source
    }
}

/// Per-pod CPU time and each node's total busy CPU time in a window: the shares by which a
/// node's dynamic energy is attributed to pods.
public protocol PodCPUSource: Sendable {
    var label: String { get }
    func podCPU(in window: ClusterWindow) throws -> [PodCPUReading]
    /// Busy CPU seconds (all modes but idle and iowait) per node name in the window.
    func nodeBusyCPUSeconds(in window: ClusterWindow) throws -> [String: Double]
    /// `podCPU(in:)` with what the source could not read although it answered in part (one agent
    /// of several unreachable): the caller shows the notes, so no pod loses its CPU silently.
    func podCPUReadings(in window: ClusterWindow) throws -> (readings: [PodCPUReading], notes: [String])
    /// This source asking its windows with the clocks the node energy sources measured since
    /// they connected (drift); the default, a source without a clock per node, is itself.
    func adoptingClocks(of energySources: [NodeEnergySource]) -> PodCPUSource
}

extension PodCPUSource {
    public func adoptingClocks(of energySources: [NodeEnergySource]) -> PodCPUSource { self }

    public func podCPUReadings(in window: ClusterWindow) throws -> (readings: [PodCPUReading], notes: [String]) {
        (try podCPU(in: window), [])
    }
}
