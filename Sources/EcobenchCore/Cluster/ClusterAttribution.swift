/// Splits each node's energy in a load window between the pods that ran on it, the way
/// `Attributor` splits a single machine's (Reports/README.md, "Cluster attribution"):
///
/// - idle power `P_idle = E_idle_window / idle duration` (node energy of a window with the
///   workload absent); `idle = min(P_idle × load duration, E_node)` (clamped, with a note, when
///   the node used less than its idle power predicts); `dynamic = E_node − idle`;
/// - a pod's share `s = cpu_pod / max(busy_node, Σ cpu_pods)` (the maximum keeps Σ s ≤ 1 when
///   the pods' and the node's CPU come from sources a scrape apart; noted when it applies);
/// - pod energy `= dynamic × s` plus the idle share of the idle policy: `none` 0, `proportional`
///   `idle × s`, `reserved` `idle × reservedShare × cpu_pod / Σ cpu_pods` (the measured pods
///   together carry the reserved share of the node's idle energy);
/// - `unattributed = E_node − Σ pod energy`, so attributed + unattributed = measured per node
///   and, summed, for the cluster.
/// Without an idle reading for a node its idle energy is 0 and all of it counts as dynamic (noted);
/// without busy CPU seconds for it (or with none) no pod gets dynamic energy (noted).
public struct ClusterAttribution: Sendable {
    public var idlePolicy: IdlePolicy
    public var reservedShare: Double

    public init(idlePolicy: IdlePolicy = .none, reservedShare: Double = 1) {
        self.idlePolicy = idlePolicy
        self.reservedShare = min(1, max(0, reservedShare))
    }

    public func attribute(load window: ClusterWindow, energy: [NodeEnergyReading],
                          idleWindow: ClusterWindow?, idleEnergy: [NodeEnergyReading],
                          pods: [PodCPUReading], busyCPUSeconds: [String: Double]) -> ClusterAttributionResult {
        let nodes = energy.sorted { $0.node < $1.node }.map { reading in
            attributeNode(reading, duration: window.durationSeconds,
                          idle: idleEnergy.first { $0.node == reading.node }, idleDuration: idleWindow?.durationSeconds,
                          pods: pods.filter { $0.node == reading.node }, busy: busyCPUSeconds[reading.node])
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

    func attributeNode(_ reading: NodeEnergyReading, duration: Double, idle: NodeEnergyReading?, idleDuration: Double?,
                       pods: [PodCPUReading], busy: Double?) -> NodeEnergyAttribution {
        var notes = reading.notes
        let energy = reading.energyJoules
        var idlePower: Double?
        var idleEnergy = 0.0
        if let idle, let idleDuration, idleDuration > 0 {
            let power = idle.energyJoules / idleDuration
            idlePower = power
            idleEnergy = power * duration
            if idleEnergy > energy {
                notes.append(String(format: "idle power × duration (%.3f J) above the node's energy (%.3f J): "
                                    + "idle energy clamped to it, no dynamic energy", idleEnergy, energy))
                idleEnergy = energy
            }
            if idle.kind != reading.kind {
                notes.append("idle reading is \(idle.kind.rawValue), load reading \(reading.kind.rawValue)")
            }
        } else {
            notes.append("no idle reading for this node: idle energy 0, all of its energy counted as dynamic")
        }
        let dynamic = energy - idleEnergy
        let podSum = pods.reduce(0) { $0 + max(0, $1.cpuSeconds) }
        var denominator = busy ?? 0
        if busy == nil { notes.append("no busy CPU seconds for this node: no dynamic energy attributed to pods") }
        if let busy, podSum > busy, busy > 0 {
            notes.append(String(format: "pods' CPU (%.3f s) above the node's busy CPU (%.3f s): shares taken over "
                                + "the pods' sum", podSum, busy))
            denominator = podSum
        }
        if busy == 0 && !pods.isEmpty { notes.append("node busy CPU is 0 s: no dynamic energy attributed to pods") }
        var attributed: [PodEnergyAttribution] = []
        for pod in pods.sorted(by: { ($0.namespace ?? "", $0.pod ?? "", $0.podUID) < ($1.namespace ?? "", $1.pod ?? "", $1.podUID) }) {
            let cpu = max(0, pod.cpuSeconds)
            let share = denominator > 0 ? cpu / denominator : 0
            let idleShare: Double
            switch idlePolicy {
            case .none: idleShare = 0
            case .proportional: idleShare = idleEnergy * share
            case .reserved: idleShare = podSum > 0 ? idleEnergy * reservedShare * cpu / podSum : 0
            }
            attributed.append(PodEnergyAttribution(namespace: pod.namespace, pod: pod.pod, podUID: pod.podUID,
                                                   cpuSeconds: cpu, cpuShare: share,
                                                   dynamicEnergyJoules: dynamic * share, idleEnergyJoules: idleShare))
        }
        let sum = attributed.reduce(0) { $0 + $1.energyJoules }
        return NodeEnergyAttribution(node: reading.node, source: reading.source, kind: reading.kind, energyJoules: energy,
                                     coverage: reading.coverage, idlePowerWatts: idlePower, idleEnergyJoules: idleEnergy,
                                     dynamicEnergyJoules: dynamic, busyCPUSeconds: busy, pods: attributed,
                                     unattributedEnergyJoules: energy - sum, notes: notes)
    }
}
