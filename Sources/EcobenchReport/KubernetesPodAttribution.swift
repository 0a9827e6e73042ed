import EcobenchAttribute
import EcobenchCluster

/// Splits each node's energy in a cluster run's deployed phases (idle, load, cooldown) between
/// the run's pods, from what the run stored in its `kubernetes` section: the node energy per
/// window (`node_energy`), each pod's CPU seconds (`pods`) and each node's busy CPU seconds
/// (`node_busy_cpu`). The reference for idle power is the same repetition's baseline phase
/// (nothing deployed), as for local runs; the split itself is `ClusterAttribution`'s. The run
/// fills the outputs once (for `kubernetes.json`); the report recomputes them with its own idle
/// policy, so `ecobench report --idle-policy` changes them like it changes a local run's.
public enum KubernetesPodAttribution {
    /// The phases in which the workload is deployed and pods are attributed.
    public static let attributedPhases = ["idle", "load", "cooldown"]
    /// The phase whose power is the nodes' idle power.
    public static let referencePhase = "baseline"

    public struct PhaseKey: Hashable, Sendable {
        public var repetition: Int
        public var phase: String

        public init(repetition: Int, phase: String) {
            self.repetition = repetition
            self.phase = phase
        }
    }

    /// Fills the pods' shares and energies and `node_attribution`; `durations` holds each phase
    /// window's length in seconds. Does nothing for a section without pods.
    public static func apply(_ section: inout ReportKubernetes, durations: [PhaseKey: Double], idlePolicy: IdlePolicy,
                             reservedShare: Double) {
        guard var pods = section.pods else { return }
        let attribution = ClusterAttribution(idlePolicy: idlePolicy, reservedShare: reservedShare)
        let busyRows = section.nodeBusyCpu ?? []
        var keys: [PhaseKey] = []
        for key in pods.map({ PhaseKey(repetition: $0.repetition, phase: $0.phase) })
            + busyRows.map({ PhaseKey(repetition: $0.repetition, phase: $0.phase) })
            where attributedPhases.contains(key.phase) && !keys.contains(key) {
            keys.append(key)
        }
        keys.sort { ($0.repetition, attributedPhases.firstIndex(of: $0.phase) ?? 0)
            < ($1.repetition, attributedPhases.firstIndex(of: $1.phase) ?? 0) }
        for index in pods.indices {
            pods[index].share = nil
            pods[index].dynamicEnergyJ = nil
            pods[index].idleEnergyJ = nil
            pods[index].attributedEnergyJ = nil
        }
        var rows: [ReportKubernetes.NodeAttribution] = []
        for key in keys {
            guard let duration = durations[key], duration > 0 else { continue }
            let reference = durations[PhaseKey(repetition: key.repetition, phase: referencePhase)]
            let energy = readings(section.nodeEnergy, key)
            let idleEnergy = readings(section.nodeEnergy, PhaseKey(repetition: key.repetition, phase: referencePhase))
            let mine = pods.indices.filter { pods[$0].repetition == key.repetition && pods[$0].phase == key.phase }
            let cpu = mine.map { i in
                PodCPUReading(namespace: pods[i].namespace, pod: pods[i].pod, podUID: pods[i].uid, node: pods[i].node,
                              cpuSeconds: pods[i].cpuSeconds, source: pods[i].source)
            }
            var busy: [String: Double] = [:]
            for row in busyRows where row.repetition == key.repetition && row.phase == key.phase {
                busy[row.node] = row.busyCpuSeconds
            }
            var idleBusy: [String: Double] = [:]
            for row in busyRows where row.repetition == key.repetition && row.phase == referencePhase {
                idleBusy[row.node] = row.busyCpuSeconds
            }
            let result = attribution.attribute(
                load: window(key.phase, key.repetition, duration), energy: energy,
                idleWindow: reference.map { window(referencePhase, key.repetition, $0) }, idleEnergy: idleEnergy,
                pods: cpu, busyCPUSeconds: busy, idleBusyCPUSeconds: idleBusy)
            for node in result.nodes {
                var application = 0.0, generator = 0.0
                for share in node.pods {
                    guard let i = mine.first(where: { pods[$0].uid == share.podUID && pods[$0].node == node.node }) else {
                        continue
                    }
                    pods[i].share = share.cpuShare
                    pods[i].dynamicEnergyJ = share.dynamicEnergyJoules
                    pods[i].idleEnergyJ = share.idleEnergyJoules
                    pods[i].attributedEnergyJ = share.energyJoules
                    if pods[i].role == .application { application += share.energyJoules } else { generator += share.energyJoules }
                }
                rows.append(ReportKubernetes.NodeAttribution(
                    repetition: key.repetition, phase: key.phase, node: node.node, energyJ: node.energyJoules,
                    idlePowerW: node.idlePowerWatts, idleEnergyJ: node.idleEnergyJoules,
                    dynamicEnergyJ: node.dynamicEnergyJoules, busyCpuSeconds: node.busyCPUSeconds,
                    attributedEnergyJ: node.attributedEnergyJoules, applicationEnergyJ: application,
                    loadGeneratorEnergyJ: generator, unattributedEnergyJ: node.unattributedEnergyJoules, notes: node.notes))
            }
        }
        section.pods = pods
        section.nodeAttribution = rows
    }

    /// One reading per node for the window (the run keeps one source's reading per node and window).
    package static func readings(_ all: [ReportKubernetes.NodeEnergy], _ key: PhaseKey) -> [NodeEnergyReading] {
        var out: [NodeEnergyReading] = []
        for e in all where e.repetition == key.repetition && e.phase == key.phase && !out.contains(where: { $0.node == e.node }) {
            out.append(NodeEnergyReading(node: e.node, source: e.source, kind: e.kind, energyJoules: e.energyJ,
                                         coverage: e.coverage))
        }
        return out
    }

    /// Only the duration of a window matters to the split.
    package static func window(_ phase: String, _ repetition: Int, _ seconds: Double) -> ClusterWindow {
        ClusterWindow(phase: phase, repetition: repetition, startUnixNanoseconds: 0,
                      endUnixNanoseconds: Int64((seconds * 1e9).rounded()))
    }
}
