import Testing
import EcobenchCore
@testable import EcobenchCluster

/// An agent whose clock is 5 s ahead at the start and gains 1 ms per second (1000 ppm): its
/// windows are asked with the offset interpolated between the start and a later alignment.
@Suite struct ClockDriftTests {
    static let second: Int64 = 1_000_000_000

    /// Agent clock a(t) = t + 5 s + 0.001 t for controller time t. Measured at t = 0 (offset 5 s,
    /// round trip 2 ms) and at t = 100 s (offset 5.1 s, round trip 4 ms).
    static let drift = ClockDrift(
        start: ClockAlignment(offsetNanoseconds: 5 * second, roundTripNanoseconds: 2_000_000, rounds: 5,
                              measuredAtUnixNanoseconds: 0),
        latest: ClockAlignment(offsetNanoseconds: 5_100_000_000, roundTripNanoseconds: 4_000_000, rounds: 5,
                               measuredAtUnixNanoseconds: 100 * second))

    /// Truth in controller time: 10 W before t = 50 s, 50 W after; the agent stamps each 0.1 s
    /// sample with its own clock.
    static func samples() -> AgentSamples {
        var rows: [AgentSamples.Row] = []
        for tenth in 0...1200 {
            let t = Double(tenth) / 10
            let joules = t <= 50 ? 10 * t : 500 + 50 * (t - 50)
            let agent = Int64(((t + 5 + 0.001 * t) * 1e9).rounded())
            rows.append(.init(timeUnixNanoseconds: agent, values: [joules]))
        }
        return AgentSamples(channels: [.init(name: "rapl.psys", unit: "J", energyRole: .platform)], rows: rows)
    }

    static func node(_ clock: ClockDrift) throws -> AgentNode {
        let client = AgentClient(endpoint: AgentEndpoint(name: "n", url: "http://127.0.0.1:1"), http: try BlockingHTTPClient())
        var node = AgentNode(client: client, alignment: clock.start)
        node.latestAlignment = clock.latest
        return node
    }

    @Test func offsetIsInterpolatedBetweenTheTwoAlignments() {
        // offset(40 s) = 5 s + (5.1 − 5) s × 40 ÷ 100 = 5.04 s; the drift 0.1 s ÷ 100 s = 1000 ppm.
        #expect(Self.drift.offsetNanoseconds(atControllerUnixNanoseconds: 40 * Self.second) == 5_040_000_000)
        #expect(abs(Self.drift.driftPartsPerMillion - 1000) < 1e-9)
        // The residual is the larger half round trip: 4 ms ÷ 2.
        #expect(Self.drift.residualNanoseconds == 2_000_000)
        // One alignment only: the start offset throughout.
        #expect(ClockDrift(start: Self.drift.start).offsetNanoseconds(atControllerUnixNanoseconds: 90 * Self.second)
                == 5 * Self.second)
    }

    @Test func aDriftingAgentsWindowHoldsTheTrueEnergy() throws {
        let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: 40 * Self.second,
                                   endUnixNanoseconds: 60 * Self.second)
        // Truth: 10 s at 10 W + 10 s at 50 W = 600 J.
        let drifted = try #require(AgentNodeEnergySource.readings(try Self.node(Self.drift), samples: Self.samples(),
                                                                  windows: [window]).first)
        #expect(abs(drifted.energy.energyJoules - 600) < 1e-3)
        #expect(drifted.energy.notes.contains { $0.contains("drift 1000.0 ppm applied") })
        // Edges ±2 ms each at the window's mean power 30 W: ±2 × 0.002 s × 30 W = ±0.12 J.
        #expect(drifted.energy.notes.contains { $0.contains("±2.000 ms per window edge") && $0.contains("±0.12 J") })
        // The start offset alone asks for agent times 45 s → 65 s, true times 40 ÷ 1.001 = 39.96004 s
        // → 60 ÷ 1.001 = 59.94006 s: 10 × 10.03996 + 50 × 9.94006 = 597.4026 J, 2.6 J short.
        let startOnly = try #require(AgentNodeEnergySource.readings(try Self.node(ClockDrift(start: Self.drift.start)),
                                                                    samples: Self.samples(), windows: [window]).first)
        #expect(abs(startOnly.energy.energyJoules - 597.4026) < 1e-3)
    }
}
