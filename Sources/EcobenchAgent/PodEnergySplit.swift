import EcobenchAttribute

/// Live per-pod energy for the agent's `/metrics` (`ecobench_pod_energy_joules_total`): between
/// two pod scans, the node's energy growth is shared by CPU time,
///
///     pod_i += ΔE_node × Δcpu_i / max(Δbusy_node, Σ Δcpu_pods)
///
/// (`CPUShareSplit` without background: a live agent has no baseline; clamps are counted in
/// `clampedIntervals`),
/// and what no pod gets (other processes, the idle share of unused CPU) goes to
/// `unattributedJoules`, so Σ pods + unattributed = Σ ΔE_node exactly. Idle energy is included
/// in proportion to the CPU time a pod used: a live agent has no baseline phase to subtract
/// (runs do, see Reports/README.md). A pod counts from the second scan that sees it and is
/// forgotten at the first scan that misses it; a counter that goes backwards (node counter
/// reset) starts a new interval.
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

    /// Pod UID → joules attributed since the agent started.
    public private(set) var podEnergyJoules: [String: Double] = [:]
    public private(set) var unattributedJoules: Double = 0
    /// Σ ΔE_node over every interval counted.
    public private(set) var nodeEnergyJoules: Double = 0
    private var previous: Observation?
    /// Intervals whose split was clamped, by clamp (pods' CPU above the node's busy CPU: their sum
    /// was the denominator; no busy CPU: nothing given to pods). Not persisted across restarts.
    public private(set) var clampedIntervals: [CPUShareSplit.Clamp: Int] = [:]

    public init() {}

    /// Continues the totals of an earlier agent process (from the buffer's stored counters),
    /// so `_total` series never go backwards across agent restarts.
    public init(podEnergyJoules: [String: Double], unattributedJoules: Double, nodeEnergyJoules: Double) {
        self.podEnergyJoules = podEnergyJoules
        self.unattributedJoules = unattributedJoules
        self.nodeEnergyJoules = nodeEnergyJoules
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
        defer {
            previous = now
            // A pod that is gone (not in this scan) is forgotten, so pod churn never grows memory.
            podEnergyJoules = podEnergyJoules.filter { now.podCPUSeconds[$0.key] != nil }
        }
        guard let before = previous, now.nodeEnergyJoules.isFinite, before.nodeEnergyJoules.isFinite else { return }
        let energy = now.nodeEnergyJoules - before.nodeEnergyJoules
        guard energy >= 0 else { return }
        var cpu: [String: Double] = [:]
        for (uid, seconds) in now.podCPUSeconds {
            guard let earlier = before.podCPUSeconds[uid], seconds.isFinite, earlier.isFinite else { continue }
            cpu[uid] = max(0, seconds - earlier)
        }
        let busy = now.nodeBusyCPUSeconds - before.nodeBusyCPUSeconds
        // The one CPU-share split (`CPUShareSplit`); live, there is no baseline: no background correction.
        let uids = cpu.keys.sorted()
        let split = CPUShareSplit(consumerCPUSeconds: uids.map { cpu[$0] ?? 0 },
                                  busyCPUSeconds: busy.isFinite ? max(0, busy) : nil, backgroundCPUPerSecond: nil,
                                  durationSeconds: 0)
        for clamp in split.clamps where !(clamp == .noBusyCPU && uids.isEmpty) { clampedIntervals[clamp, default: 0] += 1 }
        nodeEnergyJoules += energy
        var given = 0.0
        for (index, uid) in uids.enumerated() {
            let share = energy * split.shares[index]
            podEnergyJoules[uid, default: 0] += share
            given += share
        }
        unattributedJoules += energy - given
    }
}
