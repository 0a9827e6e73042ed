import Foundation
import EcobenchCluster
import EcobenchReport

/// The node energy sources' clocks over a Kubernetes run, as in a local run with agents: the
/// offsets measured when the sources connected (before the run), measured again before each
/// phase window is asked (the Kubernetes target asks window by window, right after each phase)
/// and after the run, through the same operation (`NodeEnergySource.realignClocks`, for agents
/// `AgentNodeEnergySource.realignClocks`). Each window is then asked with the offset interpolated
/// linearly between the start alignment and the latest one (`ClockDrift`). An alignment that
/// fails is a flag; the windows keep the last alignment that succeeded.
extension KubernetesRunner {
    /// Measures every source's node clocks now; flags the nodes that did not answer.
    @discardableResult
    package func realignClocks(moment: NodeClockRecord.Moment, when: String) -> [NodeClockRecord] {
        var records: [NodeClockRecord] = []
        for index in config.energySources.indices {
            records += config.energySources[index].realignClocks(moment: moment)
        }
        notes += AgentNodeEnergySource.realignmentFailureNotes(records, when: when)
        return records
    }

    /// After the run: the end alignment; the start and end alignments go into the cluster section
    /// (`node_clocks`), and the pod CPU sources ask their windows with the same drift.
    package func recordClocks() {
        let start = config.energySources.flatMap(\.startClockRecords)
        guard !start.isEmpty else { return }
        let end = realignClocks(moment: .end, when: "after the run")
        section.nodeClocks = (start + end).map(ReportKubernetes.NodeClock.init(record:))
        config.podCPUSources = config.podCPUSources.map { $0.adoptingClocks(of: config.energySources) }
    }
}
