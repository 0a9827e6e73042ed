import Foundation
import EcobenchNet
import EcobenchCollect
import EcobenchCluster

/// Multi-node runs: the agents' clocks are aligned before the run starts (an agent that does
/// not answer then, or rejects the token, stops the run with an error naming it), again before
/// each pull and after the run (a failure there is a flag): windows are asked with the offset
/// interpolated linearly between the start and the latest alignment (`ClockDrift`). Each agent's samples of a repetition's phase windows
/// are pulled right after that repetition's cooldown and stored (`node_energy`; clocks in
/// `node_clocks`), so reports rebuild from the database alone and an agent that dies mid-run
/// keeps its earlier repetitions. An agent that does not answer gives coverage-0 readings for
/// the windows asked then: a flagged gap, and the run still completes.
extension WorkloadRunner {
    /// Measures every agent's clock offset; throws the first agent that cannot be used.
    package func alignAgentsAtStart() throws -> [AgentNode] {
        guard !config.agents.isEmpty else { return [] }
        return try AgentNodeEnergySource.connect(config.agents, http: try agentHTTPClient(), notes: &notes).nodes
    }

    /// After a repetition's cooldown: its phase windows of every agent, pulled and stored now,
    /// so an agent that dies later keeps what it already gave.
    package func pullAgents(repetition: Int) {
        guard !agentNodes.isEmpty, let runID else { return }
        let started = MonotonicClock.nowNanoseconds()
        notes += AgentNodeEnergySource.realignmentFailureNotes(realignAgents(),
                                                               when: "before the pull of repetition \(repetition)")
        storeAgentReadings(runID: runID, windows: { $0 == repetition })
        progress.log(String(format: "agents: repetition %d realigned and pulled from %d agent(s) in %.2f s", repetition,
                            agentNodes.count, Double(MonotonicClock.nowNanoseconds() - started) / 1e9))
    }

    /// After the run: the end alignment, then the completed phase windows not pulled yet (those
    /// of a repetition that did not finish), stored.
    package func collectAgents(runID: Int64) {
        guard !agentNodes.isEmpty else { return }
        let start = AgentNodeEnergySource(nodes: agentNodes).startClockRecords
        let end = realignAgents(moment: .end)
        notes += AgentNodeEnergySource.realignmentFailureNotes(end, when: "after the run")
        do { try store.insertNodeClocks(runID: runID, start + end) } catch { notes.append("agent clocks not stored: \(error)") }
        let pulled = agentPulledRepetitions
        storeAgentReadings(runID: runID, windows: { !pulled.contains($0) })
    }

    /// Measures every agent's clock again now (`AgentNodeEnergySource.realignClocks`, shared with
    /// the Kubernetes target): windows pulled next are asked with the offset interpolated between
    /// the start and this measurement (drift). A failure keeps the last one and is flagged by the caller.
    private func realignAgents(moment: NodeClockRecord.Moment = .end) -> [NodeClockRecord] {
        var source = AgentNodeEnergySource(nodes: agentNodes)
        let records = source.realignClocks(moment: moment)
        agentNodes = source.nodes
        return records
    }

    /// Reads every agent over the completed phase windows of the repetitions `windows` accepts
    /// (one `/samples` range per agent) and stores the readings.
    private func storeAgentReadings(runID: Int64, windows include: (Int) -> Bool) {
        let windows: [ClusterWindow]
        do {
            windows = try completedWindows(runID: runID).filter { include($0.repetition) }
        } catch {
            notes.append("agent energy not collected: phases unreadable: \(error)")
            return
        }
        guard !windows.isEmpty else { return }
        let readings = AgentNodeEnergySource(nodes: agentNodes).readings(for: windows)
        let all = agentNodes.flatMap { readings[$0.name] ?? [] }
        do {
            try store.insertNodeEnergy(runID: runID, all)
            agentPulledRepetitions.formUnion(windows.map(\.repetition))
        } catch { notes.append("agent energy not stored: \(error)") }
    }

    /// Every phase with an end, as a window on the controller's wall clock.
    package func completedWindows(runID: Int64) throws -> [ClusterWindow] {
        try store.phases(runID: runID).compactMap { phase in
            guard let end = phase.endNanoseconds else { return nil }
            return ClusterWindow(phase: phase.name.rawValue, repetition: phase.repetition,
                                 startUnixNanoseconds: clockStartUnix + phase.startNanoseconds,
                                 endUnixNanoseconds: clockStartUnix + end)
        }
    }

    package func agentHTTPClient() throws -> BlockingHTTPClient {
        if let agentHTTP { return agentHTTP }
        let client = try BlockingHTTPClient(tls: .verified, timeoutSeconds: config.agentTimeoutSeconds)
        agentHTTP = client
        return client
    }
}
