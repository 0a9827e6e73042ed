/// How far one agent's clock is from the controller's, measured over `/clock` round trips.
///
/// Each round: the controller reads its unix clock (t_send), asks the agent for its unix time
/// (t_agent), reads its clock again (t_recv). The round with the smallest round trip
/// (t_recv − t_send) is used: offset = t_agent − (t_send + t_recv) / 2, i.e. the agent's
/// clock minus the controller's, with an error of at most half that round trip.
/// Measured at the start of a run and again later, the offsets give the drift (`ClockDrift`): a
/// window is asked of the agent as [start + offset(start), end + offset(end)], offset(t)
/// interpolated linearly between the two measurements.
public struct ClockAlignment: Sendable, Equatable, Codable {
    /// An offset whose magnitude exceeds this (1 s) is flagged in the report: the agent's
    /// clock is not synchronised (NTP/PTP); the windows are still shifted by the measured offset.
    public static let flagThresholdNanoseconds: Int64 = 1_000_000_000
    /// Round trips made per alignment.
    public static let defaultRounds = 5

    public var offsetNanoseconds: Int64
    public var roundTripNanoseconds: Int64
    public var rounds: Int
    /// When it was measured: the controller's unix time in the middle of the chosen round trip.
    public var measuredAtUnixNanoseconds: Int64?

    public init(offsetNanoseconds: Int64, roundTripNanoseconds: Int64, rounds: Int, measuredAtUnixNanoseconds: Int64? = nil) {
        self.offsetNanoseconds = offsetNanoseconds
        self.roundTripNanoseconds = roundTripNanoseconds
        self.rounds = rounds
        self.measuredAtUnixNanoseconds = measuredAtUnixNanoseconds
    }

    /// True when |offset| exceeds `flagThresholdNanoseconds`.
    public var isFlagged: Bool { abs(offsetNanoseconds) > Self.flagThresholdNanoseconds }

    /// The flag text for the report, nil when the offset is within the threshold.
    public func flag(agent: String) -> String? {
        guard isFlagged else { return nil }
        return String(format: "agent %@: clock off by %.3f s (more than %.0f s; is NTP running there?); "
                      + "its windows were shifted by the measured offset (±%.1f ms)",
                      agent, Double(offsetNanoseconds) / 1e9, Double(Self.flagThresholdNanoseconds) / 1e9,
                      Double(roundTripNanoseconds) / 2e6)
    }

    /// The controller's window as the agent's clock reads it.
    public func agentWindow(_ window: ClusterWindow) -> (start: Int64, end: Int64) {
        (window.startUnixNanoseconds + offsetNanoseconds, window.endUnixNanoseconds + offsetNanoseconds)
    }

    /// An agent time on the controller's clock.
    public func controllerTime(agentUnixNanoseconds t: Int64) -> Int64 { t - offsetNanoseconds }

    /// Measures: `rounds` calls of `agentClock`, each between two reads of `localClock`.
    /// `localClock` is the controller's unix time in ns (`MonotonicClock.unixNanoseconds` in
    /// runs; tests pass a stand-in). Throws the first error of `agentClock`.
    public static func measure<E: Error>(rounds: Int = defaultRounds, localClock: () -> Int64,
                                         agentClock: () throws(E) -> Int64) throws(E) -> ClockAlignment {
        var best: (offset: Int64, rtt: Int64, at: Int64)?
        for _ in 0..<max(1, rounds) {
            let send = localClock()
            let agent = try agentClock()
            let receive = localClock()
            let rtt = max(0, receive - send)
            let midpoint = send + rtt / 2
            if rtt < (best?.rtt ?? .max) { best = (agent - midpoint, rtt, midpoint) }
        }
        let chosen = best ?? (0, 0, 0)
        return ClockAlignment(offsetNanoseconds: chosen.offset, roundTripNanoseconds: chosen.rtt, rounds: max(1, rounds),
                              measuredAtUnixNanoseconds: best == nil ? nil : chosen.at)
    }
}
