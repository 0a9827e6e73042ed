import EcobenchAttribute

/// Live per-pod energy for the agent's `/metrics` (`ecobench_pod_energy_joules_total`): the
/// consumer-keyed `LiveEnergySplit` with pods as consumers and idle energy proportional to CPU
/// time (a live agent has no baseline phase to subtract; runs do, see Reports/README.md):
///
///     pod_i += ΔE_node × Δcpu_i / max(Δbusy_node, Σ Δcpu_pods)
///
/// and what no pod gets (other processes, intervals without busy CPU) is `unattributedJoules`,
/// so Σ pods + unattributed = Σ ΔE_node exactly. A pod counts from the second scan that sees it
/// and is forgotten at the first scan that misses it; a counter that goes backwards (node
/// counter reset) starts a new interval.
public struct PodEnergySplit: Sendable {
    public struct Observation: Sendable {
        public var nodeEnergyJoules: Double
        public var nodeBusyCPUSeconds: Double
        /// Pod UID → the pod cgroup's CPU seconds.
        public var podCPUSeconds: [String: Double]

        public init(nodeEnergyJoules: Double, nodeBusyCPUSeconds: Double, podCPUSeconds: [String: Double]) {
            self.nodeEnergyJoules = nodeEnergyJoules
            self.nodeBusyCPUSeconds = nodeBusyCPUSeconds
            self.podCPUSeconds = podCPUSeconds
        }
    }

    private var live: LiveEnergySplit

    /// Pod UID → joules attributed since the agent started.
    public var podEnergyJoules: [String: Double] { live.consumerJoules }
    /// Other processes' share and energy no busy CPU accounts for, together.
    public var unattributedJoules: Double { live.otherProcessesJoules + live.unattributedJoules }
    /// Σ ΔE_node over every interval counted.
    public var nodeEnergyJoules: Double { live.nodeEnergyJoules }
    /// Intervals whose split was clamped, by clamp (pods' CPU above the node's busy CPU: their sum
    /// was the denominator; no busy CPU: nothing given to pods). Not persisted across restarts.
    public var clampedIntervals: [CPUShareSplit.Clamp: Int] { live.clampedIntervals }

    public init() { live = LiveEnergySplit() }

    /// Continues the totals of an earlier agent process (from the buffer's stored counters),
    /// so `_total` series never go backwards across agent restarts.
    public init(podEnergyJoules: [String: Double], unattributedJoules: Double, nodeEnergyJoules: Double) {
        live = LiveEnergySplit(consumerJoules: podEnergyJoules, unattributedJoules: unattributedJoules,
                               nodeEnergyJoules: nodeEnergyJoules)
    }

    /// Stored as buffer counters: `<prefix>pod.<uid>`, `<prefix>unattributed`, `<prefix>node`,
    /// for the pods in `keep` only (a pod that is gone is dropped from the store).
    public func counters(prefix: String, keep: Set<String>) -> [String: Double] {
        var out = [prefix + "unattributed": unattributedJoules, prefix + "node": nodeEnergyJoules]
        for (uid, joules) in podEnergyJoules where keep.contains(uid) { out[prefix + "pod." + uid] = joules }
        return out
    }

    /// The inverse of `counters(prefix:keep:)`.
    public init(counters: [String: Double], prefix: String) {
        var pods: [String: Double] = [:]
        for (name, value) in counters where name.hasPrefix(prefix + "pod.") {
            pods[String(name.dropFirst(prefix.count + 4))] = value
        }
        self.init(podEnergyJoules: pods, unattributedJoules: counters[prefix + "unattributed"] ?? 0,
                  nodeEnergyJoules: counters[prefix + "node"] ?? 0)
    }

    public mutating func add(_ now: Observation) {
        live.add(.init(timeSeconds: 0, nodeEnergyJoules: now.nodeEnergyJoules, nodeBusyCPUSeconds: now.nodeBusyCPUSeconds,
                       consumerCPUSeconds: now.podCPUSeconds))
    }
}
