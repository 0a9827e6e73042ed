import EcobenchAttribute

/// The agent's live split of the node's energy between consumers (pods, VMs) by CPU time,
/// between two consecutive scans (a live agent has no baseline phase, so no background
/// correction). Per interval, with ΔE the node's energy, Δt its duration, busy the node's busy
/// CPU seconds and cpu_i each consumer's (the one `CPUShareSplit`, the one `IdleSplit` and
/// `IdlePolicy.idleShares`):
///
///     idle      = 0 (proportional) | min(ΔE, P_idle × Δt) (none, reserved; P_idle assumed, from the operator)
///     dynamic   = ΔE − idle
///     s_i       = cpu_i / max(Σ cpu, busy),   s_other = max(0, busy − Σ cpu) / max(Σ cpu, busy)
///     consumer_i = dynamic × s_i + idle_i     (idle_i: none 0; reserved idle × Σ vCPU/CPUs shared by vCPUs)
///     other processes = dynamic × s_other
///     unattributed = ΔE − Σ consumer_i − other processes   (idle nobody reserved; everything when busy = 0)
///
/// so Σ consumers + other processes + unattributed = Σ ΔE exactly. A consumer counts from the
/// second scan that sees it and is forgotten at the first scan that misses it; a node counter
/// that goes backwards (reset) starts a new interval. Clamps are counted in `clampedIntervals`.
public struct LiveEnergySplit: Sendable {
    /// How idle energy is treated, and what that needs.
    public struct Settings: Sendable, Equatable {
        public var idlePolicy: IdlePolicy
        /// The host's idle power in watts (assumed, stated by the operator); none and reserved need it.
        public var idleWatts: Double?
        /// The host's logical CPUs: the reserved share is Σ vCPUs / this (at most 1).
        public var hostCPUs: Int?

        public init(idlePolicy: IdlePolicy, idleWatts: Double? = nil, hostCPUs: Int? = nil) {
            self.idlePolicy = idlePolicy
            self.idleWatts = idleWatts
            self.hostCPUs = hostCPUs
        }

        /// All energy by CPU share, as the agent's pods have it.
        public static let proportional = Settings(idlePolicy: .proportional)
    }

    public struct Observation: Sendable {
        /// When the node energy was read, in seconds on any one clock (needed for idle watts × Δt).
        public var timeSeconds: Double
        public var nodeEnergyJoules: Double
        public var nodeBusyCPUSeconds: Double
        /// Consumer key → its cumulative CPU seconds.
        public var consumerCPUSeconds: [String: Double]
        /// Consumer key → CPUs it reserved (a VM's vCPUs), for the reserved policy.
        public var reservedCPUs: [String: Double]

        public init(timeSeconds: Double, nodeEnergyJoules: Double, nodeBusyCPUSeconds: Double,
                    consumerCPUSeconds: [String: Double], reservedCPUs: [String: Double] = [:]) {
            self.timeSeconds = timeSeconds
            self.nodeEnergyJoules = nodeEnergyJoules
            self.nodeBusyCPUSeconds = nodeBusyCPUSeconds
            self.consumerCPUSeconds = consumerCPUSeconds
            self.reservedCPUs = reservedCPUs
        }
    }

    public var settings: Settings
    /// Consumer key → joules attributed since the agent started (present consumers only).
    public private(set) var consumerJoules: [String: Double]
    /// The share of busy CPU no consumer accounts for (the host's own processes).
    public private(set) var otherProcessesJoules: Double
    /// Energy given to nobody: idle not reserved (none, reserved), intervals without busy CPU.
    public private(set) var unattributedJoules: Double
    /// Σ ΔE_node over every interval counted.
    public private(set) var nodeEnergyJoules: Double
    public private(set) var clampedIntervals: [CPUShareSplit.Clamp: Int] = [:]
    private var previous: Observation?

    public init(settings: Settings = .proportional, consumerJoules: [String: Double] = [:], otherProcessesJoules: Double = 0,
                unattributedJoules: Double = 0, nodeEnergyJoules: Double = 0) {
        self.settings = settings
        self.consumerJoules = consumerJoules
        self.otherProcessesJoules = otherProcessesJoules
        self.unattributedJoules = unattributedJoules
        self.nodeEnergyJoules = nodeEnergyJoules
    }

    public mutating func add(_ now: Observation) {
        defer {
            previous = now
            // A consumer that is gone (not in this scan) is forgotten, so churn never grows memory.
            consumerJoules = consumerJoules.filter { now.consumerCPUSeconds[$0.key] != nil }
        }
        guard let before = previous, now.nodeEnergyJoules.isFinite, before.nodeEnergyJoules.isFinite else { return }
        let energy = now.nodeEnergyJoules - before.nodeEnergyJoules
        guard energy >= 0 else { return }
        var cpu: [String: Double] = [:]
        for (key, seconds) in now.consumerCPUSeconds {
            guard let earlier = before.consumerCPUSeconds[key], seconds.isFinite, earlier.isFinite else { continue }
            cpu[key] = max(0, seconds - earlier)
        }
        let keys = cpu.keys.sorted()
        let consumerCPU = keys.map { cpu[$0] ?? 0 }
        let busyDelta = now.nodeBusyCPUSeconds - before.nodeBusyCPUSeconds
        let busy: Double? = busyDelta.isFinite ? max(0, busyDelta) : nil
        let split = CPUShareSplit(consumerCPUSeconds: consumerCPU, busyCPUSeconds: busy, backgroundCPUPerSecond: nil,
                                  durationSeconds: 0)
        for clamp in split.clamps where !(clamp == .noBusyCPU && keys.isEmpty) { clampedIntervals[clamp, default: 0] += 1 }
        let duration = max(0, now.timeSeconds - before.timeSeconds)
        let idleWatts = settings.idlePolicy == .proportional ? nil : settings.idleWatts
        let idle = IdleSplit(energyJoules: energy, baselinePowerWatts: idleWatts, durationSeconds: duration.isFinite ? duration : 0)
        let reserved = keys.map { now.reservedCPUs[$0] ?? 0 }
        let hostCPUs = Double(settings.hostCPUs ?? 0)
        let idleShares = settings.idlePolicy.idleShares(
            idleJoules: idle.idleEnergyJoules, split: split, consumerCPUSeconds: consumerCPU,
            reservedShare: hostCPUs > 0 ? reserved.reduce(0, +) / hostCPUs : 0, reservedWeights: reserved)
        nodeEnergyJoules += energy
        var given = 0.0
        for (index, key) in keys.enumerated() {
            let joules = idle.dynamicEnergyJoules * split.shares[index] + idleShares[index]
            consumerJoules[key, default: 0] += joules
            given += joules
        }
        let others = split.denominatorCPUSeconds > 0
            ? idle.dynamicEnergyJoules * max(0, (busy ?? 0) - split.consumersCPUSeconds) / split.denominatorCPUSeconds : 0
        otherProcessesJoules += others
        unattributedJoules += energy - given - others
    }

    /// Stored as buffer counters: `<prefix><label>.<key>`, `<prefix>other-processes`,
    /// `<prefix>unattributed`, `<prefix>node`, for the consumers in `keep` only.
    public func counters(prefix: String, label: String, keep: Set<String>) -> [String: Double] {
        var out = [prefix + "unattributed": unattributedJoules, prefix + "node": nodeEnergyJoules,
                   prefix + "other-processes": otherProcessesJoules]
        for (key, joules) in consumerJoules where keep.contains(key) { out[prefix + label + "." + key] = joules }
        return out
    }

    /// The inverse of `counters(prefix:label:keep:)`.
    public init(settings: Settings, counters: [String: Double], prefix: String, label: String) {
        var consumers: [String: Double] = [:]
        for (name, value) in counters where name.hasPrefix(prefix + label + ".") {
            consumers[String(name.dropFirst(prefix.count + label.count + 1))] = value
        }
        self.init(settings: settings, consumerJoules: consumers, otherProcessesJoules: counters[prefix + "other-processes"] ?? 0,
                  unattributedJoules: counters[prefix + "unattributed"] ?? 0, nodeEnergyJoules: counters[prefix + "node"] ?? 0)
    }
}
