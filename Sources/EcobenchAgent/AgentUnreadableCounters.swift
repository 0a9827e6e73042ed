import EcobenchCluster

/// What `/metrics` says about a node energy channel's unreadable readings (issue 11: a RAPL
/// counter reset inside an agent must be visible through Prometheus too): per channel, the
/// unreadable readings the agent has stored since it started and the time they left uncovered,
/// by `UnreadableReadingTracker`'s rule (the one the agent path applies to `/samples`). A run of
/// unreadable readings is added when the valued reading that closes it is stored, so a scrape
/// shows it once its uncovered time is known. Not continued across restarts (a restart is a
/// counter reset to Prometheus).
package struct AgentUnreadableCounters: Sendable {
    package struct Totals: Sendable, Equatable {
        package var readings = 0
        package var uncoveredSeconds = 0.0
    }

    private var trackers: [String: UnreadableReadingTracker] = [:]
    /// By channel name; every channel observed has an entry (zeros until a run closes).
    package private(set) var totals: [String: Totals] = [:]

    /// One stored reading of `channel` (NaN: unreadable) at `timeNanoseconds` (any one clock).
    package mutating func observe(channel: String, timeNanoseconds: Int64, value: Double) {
        var tracker = trackers[channel] ?? UnreadableReadingTracker()
        let closed = tracker.observe(timeNanoseconds: timeNanoseconds, readable: value.isFinite)
        trackers[channel] = tracker
        var total = totals[channel] ?? Totals()
        if let closed {
            total.readings += closed.count
            total.uncoveredSeconds += Double(closed.uncoveredNanoseconds) / 1e9
        }
        totals[channel] = total
    }
}
