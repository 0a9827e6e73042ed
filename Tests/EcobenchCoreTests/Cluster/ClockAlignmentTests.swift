import EcobenchCore
import Testing

@Suite struct ClockAlignmentTests {
    /// A stand-in for the two clocks (no second machine with a wrong clock can run here): the
    /// controller's clock is a counter the test advances; the agent's clock reads the controller's
    /// time at the middle of the round trip plus a fixed offset of several seconds. Round trips
    /// take 9, 3, 7 ms; the 3 ms one is the best and its midpoint is exact.
    final class FakeClocks {
        var now: Int64 = 1_700_000_000_000_000_000
        var rounds: [(toAgent: Int64, back: Int64)] = [(4_000_000, 5_000_000), (1_500_000, 1_500_000), (6_000_000, 1_000_000)]
        var round = 0
        let agentOffset: Int64

        init(agentOffset: Int64) { self.agentOffset = agentOffset }

        func local() -> Int64 { now }

        func agent() -> Int64 {
            let trip = rounds[round % rounds.count]
            round += 1
            now += trip.toAgent
            let reading = now + agentOffset
            now += trip.back
            return reading
        }
    }

    @Test func offsetOfSecondsIsMeasuredFromTheShortestRoundTripFlaggedAndShiftsWindows() {
        let offset: Int64 = 4_250_000_000  // the agent's clock is 4.25 s ahead
        let clocks = FakeClocks(agentOffset: offset)
        let alignment = ClockAlignment.measure(rounds: 3, localClock: clocks.local, agentClock: clocks.agent)
        #expect(alignment.roundTripNanoseconds == 3_000_000)
        #expect(alignment.offsetNanoseconds == offset)
        #expect(alignment.isFlagged)
        let flag = alignment.flag(agent: "db")
        #expect(flag?.contains("agent db: clock off by 4.250 s") == true, "\(flag ?? "nil")")
        let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: 1_000, endUnixNanoseconds: 2_000)
        let shifted = alignment.agentWindow(window)
        #expect(shifted.start == 1_000 + offset && shifted.end == 2_000 + offset)
        #expect(alignment.controllerTime(agentUnixNanoseconds: shifted.start) == 1_000)
    }

    @Test func asymmetricRoundTripErrsByAtMostHalfTheRoundTrip() {
        let clocks = FakeClocks(agentOffset: -2_000_000_000)
        clocks.rounds = [(9_000_000, 1_000_000)]
        let alignment = ClockAlignment.measure(rounds: 5, localClock: clocks.local, agentClock: clocks.agent)
        #expect(alignment.roundTripNanoseconds == 10_000_000)
        #expect(abs(alignment.offsetNanoseconds - (-2_000_000_000)) <= alignment.roundTripNanoseconds / 2)
        #expect(alignment.isFlagged)
    }

    @Test func smallOffsetIsNotFlagged() {
        let clocks = FakeClocks(agentOffset: 800_000_000)
        let alignment = ClockAlignment.measure(rounds: 3, localClock: clocks.local, agentClock: clocks.agent)
        #expect(!alignment.isFlagged)
        #expect(alignment.flag(agent: "x") == nil)
    }

    @Test func anAgentErrorIsThrownAsIs() {
        struct Down: Error {}
        #expect(throws: Down.self) {
            _ = try ClockAlignment.measure(rounds: 3, localClock: { 0 }, agentClock: { () throws(Down) -> Int64 in throw Down() })
        }
    }
}
