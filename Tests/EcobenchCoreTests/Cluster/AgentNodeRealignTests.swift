import Testing
import EcobenchCore
@testable import EcobenchNet
@testable import EcobenchCluster

/// `AgentNodeEnergySource.realignClocks`, the one realignment used by local runs and the
/// Kubernetes target: an agent that does not answer gives a failure record and a flag, and keeps
/// the alignment it had (its windows drift by what was measured before).
@Suite struct AgentNodeRealignTests {
    @Test func anAgentThatDoesNotAnswerKeepsItsLastAlignmentAndIsFlagged() throws {
        // Port 1 on loopback: nothing listens, the connection is refused at once.
        let client = AgentClient(endpoint: AgentEndpoint(name: "db", url: "http://127.0.0.1:1"),
                                 http: try BlockingHTTPClient(timeoutSeconds: 2))
        let start = ClockAlignment(offsetNanoseconds: 3_000_000_000, roundTripNanoseconds: 1_000_000, rounds: 5,
                                   measuredAtUnixNanoseconds: 0)
        let before = ClockAlignment(offsetNanoseconds: 3_300_000_000, roundTripNanoseconds: 1_000_000, rounds: 5,
                                    measuredAtUnixNanoseconds: 1_000_000_000)
        var node = AgentNode(client: client, alignment: start)
        node.latestAlignment = before
        var source = AgentNodeEnergySource(nodes: [node])
        #expect(source.startClockRecords == [NodeClockRecord(node: "db", url: "http://127.0.0.1:1", moment: .start,
                                                             alignment: start, error: nil)])
        let records = source.realignClocks(moment: .end)
        #expect(records.count == 1)
        #expect(records.first?.moment == .end && records.first?.alignment == nil && records.first?.error != nil)
        #expect(source.nodes.first?.latestAlignment == before)
        // 0.3 s gained over 1 s: 300 000 ppm, kept.
        #expect(source.nodes.first?.clock.driftPartsPerMillion == 300_000)
        let notes = AgentNodeEnergySource.realignmentFailureNotes(records, when: "after the run")
        #expect(notes.count == 1)
        #expect(notes.first?.hasPrefix("flag: agent db: clock not measured after the run: ") == true, "\(notes)")
    }
}
