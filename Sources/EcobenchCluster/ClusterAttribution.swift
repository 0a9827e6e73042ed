import EcobenchAttribute

/// Splits each node's energy in a load window between the pods that ran on it, the way
/// `Attributor` splits a single machine's (Reports/README.md, "Cluster attribution"):
///
/// - idle power `P_idle = E_idle_window / idle duration` (node energy of a window with the
///   workload absent); `idle = min(P_idle × load duration, E_node)` (clamped, with a note, when
///   the node used less than its idle power predicts); `dynamic = E_node − idle`;
/// - a pod's share `s = cpu_pod / max(Σ cpu_pods, busy_node − background)` (`CPUShareSplit`:
///   background = the idle window's busy CPU rate × load duration; the maximum keeps Σ s ≤ 1
///   when the pods' and the node's CPU come from sources a scrape apart; noted when it applies);
/// - pod energy `= dynamic × s` plus the idle share of the idle policy (`IdlePolicy.idleShares`):
///   `none` 0, `proportional` `idle × s`, `reserved` `idle × reservedShare × cpu_pod / Σ cpu_pods`
///   (the measured pods together carry the reserved share of the node's idle energy);
/// - `unattributed = E_node − Σ pod energy`, so attributed + unattributed = measured per node
///   and, summed, for the cluster.
/// Without an idle reading for a node its idle energy is 0 and all of it counts as dynamic (noted);
/// without busy CPU seconds for it no pod gets dynamic energy (noted).
public struct ClusterAttribution: Sendable {
    public var idlePolicy: IdlePolicy
    public var reservedShare: Double

    public init(idlePolicy: IdlePolicy = .none, reservedShare: Double = 1) {
        self.idlePolicy = idlePolicy
        self.reservedShare = min(1, max(0, reservedShare))
    }

    /// `idleBusyCPUSeconds`: each node's busy CPU seconds in the idle window, for the background
    /// rate of `CPUShareSplit` (a node without one keeps its busy CPU uncorrected, noted).
    public func attribute(load window: ClusterWindow, energy: [NodeEnergyReading],
                          idleWindow: ClusterWindow?, idleEnergy: [NodeEnergyReading],
                          pods: [PodCPUReading], busyCPUSeconds: [String: Double],
                          idleBusyCPUSeconds: [String: Double] = [:]) -> ClusterAttributionResult {
        let nodes = energy.sorted { $0.node < $1.node }.map { reading in
            attributeNode(reading, duration: window.durationSeconds,
                          idle: idleEnergy.first { $0.node == reading.node }, idleDuration: idleWindow?.durationSeconds,
                          pods: pods.filter { $0.node == reading.node }, busy: busyCPUSeconds[reading.node],
                          idleBusy: idleBusyCPUSeconds[reading.node])
        }
        var result = ClusterAttributionResult(window: window, idlePolicy: idlePolicy, nodes: nodes)
        let known = Set(energy.map(\.node))
        for orphan in Set(pods.map(\.node)).subtracting(known).sorted() {
            // Pods on a node without an energy reading cannot be given energy; say so on every node.
            for index in result.nodes.indices {
                result.nodes[index].notes.append("pods on node \(orphan) got no energy: no energy reading for that node")
            }
        }
        return result
    }

    package func attributeNode(_ reading: NodeEnergyReading, duration: Double, idle: NodeEnergyReading?, idleDuration: Double?,
                               pods: [PodCPUReading], busy: Double?, idleBusy: Double? = nil) -> NodeEnergyAttribution {
        var notes = reading.notes
        var idlePower: Double?
        if let idle, let idleDuration, idleDuration > 0 {
            idlePower = idle.energyJoules / idleDuration
            if idle.kind != reading.kind {
                notes.append("idle reading is \(idle.kind.rawValue), load reading \(reading.kind.rawValue)")
            }
        } else {
            notes.append("no idle reading for this node: idle energy 0, all of its energy counted as dynamic")
        }
        let split = IdleSplit(energyJoules: reading.energyJoules, baselinePowerWatts: idlePower, durationSeconds: duration)
        notes += split.notes
        let ordered = pods.sorted { ($0.namespace ?? "", $0.pod ?? "", $0.podUID) < ($1.namespace ?? "", $1.pod ?? "", $1.podUID) }
        let cpu = ordered.map { max(0, $0.cpuSeconds) }
        var background: Double?
        if let idleDuration, idlePower != nil {
            background = CPUShareSplit.backgroundRate(busyCPUSeconds: idleBusy, consumersCPUSeconds: 0,
                                                      durationSeconds: idleDuration)
            if background == nil && busy != nil && !pods.isEmpty {
                notes.append("no busy CPU seconds for the idle window: the load window's busy CPU is not corrected "
                             + "for background")
            }
        }
        let shares = CPUShareSplit(consumerCPUSeconds: cpu, busyCPUSeconds: busy, backgroundCPUPerSecond: background,
                                   durationSeconds: duration)
        if !pods.isEmpty || busy != nil { notes += shares.notes }
        let idleShares = idlePolicy.idleShares(idleJoules: split.idleEnergyJoules, split: shares, consumerCPUSeconds: cpu,
                                               reservedShare: reservedShare)
        var attributed: [PodEnergyAttribution] = []
        for (index, pod) in ordered.enumerated() {
            attributed.append(PodEnergyAttribution(namespace: pod.namespace, pod: pod.pod, podUID: pod.podUID,
                                                   cpuSeconds: cpu[index], cpuShare: shares.shares[index],
                                                   dynamicEnergyJoules: split.dynamicEnergyJoules * shares.shares[index],
                                                   idleEnergyJoules: idleShares[index]))
        }
        let sum = attributed.reduce(0) { $0 + $1.energyJoules }
        return NodeEnergyAttribution(node: reading.node, source: reading.source, kind: reading.kind,
                                     energyJoules: split.energyJoules, coverage: reading.coverage, idlePowerWatts: idlePower,
                                     idleEnergyJoules: split.idleEnergyJoules, dynamicEnergyJoules: split.dynamicEnergyJoules,
                                     busyCPUSeconds: busy, backgroundCPUSeconds: shares.backgroundCPUSeconds, pods: attributed,
                                     unattributedEnergyJoules: split.energyJoules - sum, notes: notes,
                                     vmChain: reading.vmChain)
    }
}
