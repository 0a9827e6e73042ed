/// Readings an agent could not take inside a window: rows where a node energy channel is null
/// (the agent's probe gave NaN: a RAPL counter reset, a zone that vanished). The agent's
/// cumulative counter stays flat across them, so the interval to such a reading is counted 0 J;
/// like a local run's gap, the time from the last reading before to the first one after is not
/// covered, and the window says so (issue 11: a reset must not pass silently).
public enum AgentUnreadableReadings {
    public struct Found: Sendable, Equatable {
        /// Null readings of the channel inside the window.
        public var count: Int
        /// Window time (ns) between the readings around them, not covered.
        public var uncoveredNanoseconds: Int64

        public init(count: Int, uncoveredNanoseconds: Int64) {
            self.count = count
            self.uncoveredNanoseconds = uncoveredNanoseconds
        }
    }

    /// `start`/`end` in agent unix ns; rows oldest first.
    public static func find(_ samples: AgentSamples, channel: String, start: Int64, end: Int64) -> Found {
        guard let column = samples.column(of: channel) else { return Found(count: 0, uncoveredNanoseconds: 0) }
        var found = Found(count: 0, uncoveredNanoseconds: 0)
        var lastValued: Int64?
        var nullsSince = 0
        for row in samples.rows {
            let value = column < row.values.count ? row.values[column] : nil
            let t = row.timeUnixNanoseconds
            guard value != nil else {
                if t >= start && t <= end, lastValued != nil { nullsSince += 1 }
                continue
            }
            if nullsSince > 0, let from = lastValued {
                found.count += nullsSince
                found.uncoveredNanoseconds += max(0, min(t, end) - max(from, start))
            }
            nullsSince = 0
            lastValued = t
        }
        return found
    }
}
