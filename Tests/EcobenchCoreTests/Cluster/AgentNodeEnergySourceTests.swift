import Testing
import EcobenchCore
@testable import EcobenchNet
@testable import EcobenchAttribute
@testable import EcobenchCluster

@Suite struct AgentNodeEnergySourceTests {
    /// Samples as an agent whose clock runs 5 s ahead would report them: power 10 W until its
    /// clock reads 7 s, 50 W after; the platform meter (psys) must win over the package.
    static func samples() -> AgentSamples {
        var rows: [AgentSamples.Row] = []
        for t in stride(from: Int64(0), through: 20_000_000_000, by: 100_000_000) {
            let s = Double(t) / 1e9
            let joules = s <= 7 ? 10 * s : 70 + 50 * (s - 7)
            rows.append(.init(timeUnixNanoseconds: t, values: [joules * 0.5, joules, s * 0.25]))
        }
        return AgentSamples(channels: [
            .init(name: "rapl.package-0", unit: "J", energyRole: .package),
            .init(name: "rapl.psys", unit: "J", energyRole: .platform),
            .init(name: Channels.nodeBusyCPUSeconds, unit: "s"),
        ], rows: rows)
    }

    @Test func windowsAreShiftedByTheClockOffsetAndTheBestChannelIsUsed() throws {
        // No request is sent: the client only names the agent in the readings.
        let client = AgentClient(endpoint: AgentEndpoint(name: "db", url: "http://127.0.0.1:1"),
                                 http: try BlockingHTTPClient())
        let node = AgentNode(client: client, alignment: ClockAlignment(offsetNanoseconds: 5_000_000_000,
                                                                       roundTripNanoseconds: 1_000_000, rounds: 5))
        let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: 1_000_000_000,
                                   endUnixNanoseconds: 3_000_000_000)
        let reading = try #require(AgentNodeEnergySource.readings(node, samples: Self.samples(), windows: [window]).first)
        // Agent window 6 s → 8 s: 1 s at 10 W + 1 s at 50 W (unshifted it would be 20 J).
        #expect(abs(reading.energy.energyJoules - 60) < 1e-9)
        #expect(reading.energy.source == "agent http://127.0.0.1:1 platform meter: rapl.psys")
        #expect(reading.energy.kind == .measured && reading.energy.coverage == 1)
        #expect(abs((reading.busyCPUSeconds ?? 0) - 0.5) < 1e-9)
    }

    @Test func anAgentWithoutEnergyChannelsGivesAFlaggedEmptyReading() throws {
        let client = AgentClient(endpoint: AgentEndpoint(name: "x", url: "http://127.0.0.1:1"),
                                 http: try BlockingHTTPClient())
        let node = AgentNode(client: client, alignment: ClockAlignment(offsetNanoseconds: 0, roundTripNanoseconds: 0,
                                                                       rounds: 1))
        let samples = AgentSamples(channels: [.init(name: "node.memory.used_bytes", unit: "B", semantics: .gauge)],
                                   rows: [.init(timeUnixNanoseconds: 0, values: [1])])
        let window = ClusterWindow(phase: "idle", repetition: 1, startUnixNanoseconds: 0, endUnixNanoseconds: 10)
        let reading = try #require(AgentNodeEnergySource.readings(node, samples: samples, windows: [window]).first)
        #expect(reading.energy.coverage == 0 && reading.energy.energyJoules == 0)
        #expect(reading.energy.notes.first?.contains("no node energy channel") == true)
    }
}
