/// Readings an agent could not take inside a window: rows where a node energy channel is null
/// (the agent's probe gave NaN: a RAPL counter reset, a zone that vanished). The agent's
/// cumulative counter stays flat across them, so the interval to such a reading is counted 0 J;
/// like a local run's gap, the time from the last reading before to the first one after is not
/// covered, and the window says so (issue 11: a reset must not pass silently). The rule is
/// `UnreadableReadingTracker`'s; the Prometheus path reads the same counts from the agent's
/// `/metrics` (`PrometheusUnreadableReadings`) and both apply them with `apply(to:…)`. The agent
/// path also reads why from the answer's `gaps` (the probe's cause for each unreadable tick);
/// the Prometheus path names the causes' categories from the agent's
/// `ecobench_agent_unreadable_readings_total{channel, cause}` (generic words where it is absent).
public enum AgentUnreadableReadings {
    public struct Found: Sendable, Equatable {
        /// Null readings of the channel inside the window.
        public var count: Int
        /// Window time (ns) between the readings around them, not covered.
        public var uncoveredNanoseconds: Int64
        /// Why, as the agent gave it for the counted readings (each distinct reason once, in time
        /// order; the Prometheus path: the categories); empty when none came (an agent before causes).
        public var causes: [String]

        public init(count: Int, uncoveredNanoseconds: Int64, causes: [String] = []) {
            self.count = count
            self.uncoveredNanoseconds = uncoveredNanoseconds
            self.causes = causes
        }
    }

    /// At most this many causes are named in a note; the others are counted.
    public static let causesNamed = 3

    /// `start`/`end` in agent unix ns; rows oldest first.
    public static func find(_ samples: AgentSamples, channel: String, start: Int64, end: Int64) -> Found {
        // A polled meter's readings are rows of their own: its nulls in the ticks' rows are not
        // readings (a missed poll is a gap of the window integral instead).
        guard let column = samples.column(of: channel), !samples.channels[column].polled else {
            return Found(count: 0, uncoveredNanoseconds: 0)
        }
        var found = Found(count: 0, uncoveredNanoseconds: 0)
        var tracker = UnreadableReadingTracker()
        let gaps = samples.gaps.filter { $0.source == channel }
        var pendingCauses: [String] = []  // of the unreadable readings counted in the open run
        for row in samples.rows {
            let t = row.timeUnixNanoseconds
            let readable = column < row.values.count && row.values[column] != nil
            let counted = t >= start && t <= end
            if !readable, counted, let gap = gaps.first(where: { $0.contains(t) }) { pendingCauses.append(gap.reason) }
            guard let closed = tracker.observe(timeNanoseconds: t, readable: readable, counted: counted) else {
                if readable { pendingCauses.removeAll() }  // a run not counted (before the first value)
                continue
            }
            found.count += closed.count
            found.uncoveredNanoseconds += max(0, min(closed.toNanoseconds, end) - max(closed.fromNanoseconds, start))
            for cause in pendingCauses where !found.causes.contains(cause) { found.causes.append(cause) }
            pendingCauses.removeAll()
        }
        return found
    }
}

extension AgentUnreadableReadings.Found {
    /// Applies what was found for one channel to its window, as both paths (agent, Prometheus) do:
    /// the coverage lowered by the uncovered time (at most the window), the time counted 0 J
    /// carried to the uncertainty (`NodeEnergyUncertainty.addUncounted`), and the note; returns
    /// nil and changes nothing when no unreadable reading was found.
    public func apply(channel: String, channelJoules: Double, windowNanoseconds: Int64,
                      coverage: inout Double, uncertainty: inout NodeEnergyUncertainty) -> String? {
        guard count > 0 else { return nil }
        let uncovered = min(max(0, uncoveredNanoseconds), max(0, windowNanoseconds))
        uncertainty.addUncounted(seconds: Double(uncovered) / 1e9, channelJoules: channelJoules,
                                 windowSeconds: Double(windowNanoseconds) / 1e9)
        coverage = min(coverage, max(0, 1 - Double(uncovered) / Double(max(1, windowNanoseconds))))
        return "\(channel): \(count) unreadable reading(s) (\(why)): the interval to each counted 0 J"
    }

    /// The causes, "; "-joined (the first `causesNamed`, then how many more), or the generic words.
    package var why: String {
        guard !causes.isEmpty else { return "a counter reset or a vanished zone" }
        let named = causes.prefix(AgentUnreadableReadings.causesNamed).joined(separator: "; ")
        let more = causes.count - AgentUnreadableReadings.causesNamed
        return more > 0 ? named + "; and \(more) other cause(s)" : named
    }
}
