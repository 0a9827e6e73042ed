/// Live per-pod energy for the agent's `/metrics` (`ecobench_pod_energy_joules_total`): between
/// two pod scans, the node's energy growth is shared by CPU time,
///
///     pod_i += ΔE_node × Δcpu_i / max(Δbusy_node, Σ Δcpu_pods)
///
/// and what no pod gets (other processes, the idle share of unused CPU) goes to
/// `unattributedJoules`, so Σ pods + unattributed = Σ ΔE_node exactly. Idle energy is included
/// in proportion to the CPU time a pod used: a live agent has no baseline phase to subtract
/// (runs do, see Reports/README.md). A pod counts from the second scan that sees it; a counter
/// that goes backwards (agent restart, node counter reset) starts a new interval.
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

    public init() {}

    public mutating func add(_ now: Observation) {
        defer { previous = now }
        guard let before = previous, now.nodeEnergyJoules.isFinite, before.nodeEnergyJoules.isFinite else { return }
        let energy = now.nodeEnergyJoules - before.nodeEnergyJoules
        guard energy >= 0 else { return }
        var cpu: [String: Double] = [:]
        for (uid, seconds) in now.podCPUSeconds {
            guard let earlier = before.podCPUSeconds[uid], seconds.isFinite, earlier.isFinite else { continue }
            cpu[uid] = max(0, seconds - earlier)
        }
        let busy = now.nodeBusyCPUSeconds - before.nodeBusyCPUSeconds
        let denominator = max(busy.isFinite ? busy : 0, cpu.values.reduce(0, +))
        nodeEnergyJoules += energy
        guard denominator > 0 else {
            unattributedJoules += energy
            return
        }
        var given = 0.0
        for (uid, seconds) in cpu where seconds > 0 {
            let share = energy * seconds / denominator
            podEnergyJoules[uid, default: 0] += share
            given += share
        }
        for uid in cpu.keys where podEnergyJoules[uid] == nil { podEnergyJoules[uid] = 0 }
        unattributedJoules += energy - given
    }
}
