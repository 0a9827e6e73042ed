import Foundation

/// Multi-node runs: the agents' clocks are aligned before the run starts (an agent that does
/// not answer then, or rejects the token, stops the run with an error naming it), again after
/// it (to see drift; a failure is a flag), and each agent's samples of every phase window are
/// pulled after the run and stored (`node_clocks`, `node_energy`), so reports rebuild from
/// the database alone. An agent that stopped answering mid-run gives coverage-0 readings: a
/// flagged gap, and the run still completes.
extension WorkloadRunner {
    /// Measures every agent's clock offset; throws the first agent that cannot be used.
    func alignAgentsAtStart() throws -> [AgentNode] {
        guard !config.agents.isEmpty else { return [] }
        let http = try agentHTTPClient()
        var nodes: [AgentNode] = []
        for endpoint in config.agents {
            let client = AgentClient(endpoint: endpoint, http: http)
            let alignment = try ClockAlignment.measure(localClock: MonotonicClock.unixNanoseconds,
                                                       agentClock: client.clockUnixNanoseconds)
            nodes.append(AgentNode(client: client, alignment: alignment))
            notes.append(String(format: "agent %@ (%@): clock offset %.3f ms, round trip %.3f ms", endpoint.name,
                                endpoint.url, Double(alignment.offsetNanoseconds) / 1e6,
                                Double(alignment.roundTripNanoseconds) / 1e6))
            if let flag = alignment.flag(agent: endpoint.name) { notes.append("flag: " + flag) }
        }
        return nodes
    }

    /// After the run: the end alignment, then every completed phase window of every agent, stored.
    func collectAgents(runID: Int64, nodes: [AgentNode], clockStartUnixNanoseconds: Int64) {
        guard !nodes.isEmpty else { return }
        var clocks = nodes.map {
            NodeClockRecord(node: $0.name, url: $0.url, moment: .start, alignment: $0.alignment, error: nil)
        }
        for node in nodes {
            do {
                let end = try ClockAlignment.measure(localClock: MonotonicClock.unixNanoseconds,
                                                     agentClock: node.client.clockUnixNanoseconds)
                clocks.append(NodeClockRecord(node: node.name, url: node.url, moment: .end, alignment: end, error: nil))
            } catch {
                clocks.append(NodeClockRecord(node: node.name, url: node.url, moment: .end, alignment: nil,
                                              error: "\(error)"))
                notes.append("flag: \(error) (after the run)")
            }
        }
        do { try store.insertNodeClocks(runID: runID, clocks) } catch { notes.append("agent clocks not stored: \(error)") }
        let windows: [ClusterWindow]
        do {
            windows = try store.phases(runID: runID).compactMap { phase in
                guard let end = phase.endNanoseconds else { return nil }
                return ClusterWindow(phase: phase.name.rawValue, repetition: phase.repetition,
                                     startUnixNanoseconds: clockStartUnixNanoseconds + phase.startNanoseconds,
                                     endUnixNanoseconds: clockStartUnixNanoseconds + end)
            }
        } catch {
            notes.append("agent energy not collected: phases unreadable: \(error)")
            return
        }
        let source = AgentNodeEnergySource(nodes: nodes)
        let readings = source.readings(for: windows)
        let all = nodes.flatMap { readings[$0.name] ?? [] }
        do { try store.insertNodeEnergy(runID: runID, all) } catch { notes.append("agent energy not stored: \(error)") }
    }

    func agentHTTPClient() throws -> BlockingHTTPClient {
        if let agentHTTP { return agentHTTP }
        let client = try BlockingHTTPClient(tls: .verified, timeoutSeconds: config.agentTimeoutSeconds)
        agentHTTP = client
        return client
    }
}
