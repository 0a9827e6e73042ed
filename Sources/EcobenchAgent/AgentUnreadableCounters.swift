import EcobenchCluster

/// What `/metrics` says about a node energy channel's unreadable readings (issue 11: a RAPL
/// counter reset inside an agent must be visible through Prometheus too): per channel, the
/// unreadable readings the agent has stored since it started and the time they left uncovered,
/// by `UnreadableReadingTracker`'s rule (the one the agent path applies to `/samples`). A run of
/// unreadable readings is added when the valued reading that closes it is stored, so a scrape
/// shows it once its uncovered time is known. Not continued across restarts (a restart is a
/// counter reset to Prometheus).
///
/// The same readings are also counted by cause category (`PrometheusUnreadableCause`, for
/// `ecobench_agent_unreadable_readings_total{channel, cause}`), added with the run that closes
/// them, so a window of the Prometheus path that takes a run's count also takes its causes. A
/// reading's cause is the sampler's stretch (`note(gaps:)`) holding its time; none: `other`.
package struct AgentUnreadableCounters: Sendable {
    package struct Totals: Sendable, Equatable {
        package var readings = 0
        package var uncoveredSeconds = 0.0
        /// The counted readings by cause category (every category present, 0 until counted).
        package var byCause: [PrometheusUnreadableCause: Int] =
            Dictionary(uniqueKeysWithValues: PrometheusUnreadableCause.allCases.map { ($0, 0) })
    }

    private var trackers: [String: UnreadableReadingTracker] = [:]
    /// By channel name; every channel observed has an entry (zeros until a run closes).
    package private(set) var totals: [String: Totals] = [:]
    /// By channel: the cause stretches not yet passed (the sampler's, on the readings' clock).
    private var stretches: [String: [Stretch]] = [:]
    private struct Stretch: Sendable {
        var fromNanoseconds: Int64
        var toNanoseconds: Int64?
        var cause: PrometheusUnreadableCause
    }
    /// By channel: the categories of the unreadable readings of the run still open.
    private var pending: [String: [PrometheusUnreadableCause: Int]] = [:]

    /// Cause stretches opened or ended since the last call (`Sampler.takeChannelGapChanges`),
    /// before the readings they explain are observed; an ended one replaces its open entry.
    package mutating func note(gaps: [AgentWire.Gap]) {
        for gap in gaps {
            var list = stretches[gap.source] ?? []
            list.removeAll { $0.fromNanoseconds == gap.fromUnixNanoseconds }
            list.append(Stretch(fromNanoseconds: gap.fromUnixNanoseconds, toNanoseconds: gap.toUnixNanoseconds,
                                cause: PrometheusUnreadableCause(reason: gap.reason)))
            stretches[gap.source] = list
        }
    }

    /// One stored reading of `channel` (NaN: unreadable) at `timeNanoseconds` (any one clock).
    package mutating func observe(channel: String, timeNanoseconds: Int64, value: Double) {
        var tracker = trackers[channel] ?? UnreadableReadingTracker()
        let closed = tracker.observe(timeNanoseconds: timeNanoseconds, readable: value.isFinite)
        trackers[channel] = tracker
        var total = totals[channel] ?? Totals()
        if !value.isFinite {
            let stretch = stretches[channel]?.last { gap in
                gap.fromNanoseconds <= timeNanoseconds && timeNanoseconds < (gap.toNanoseconds ?? .max)
            }
            pending[channel, default: [:]][stretch?.cause ?? .other, default: 0] += 1
        } else {
            // Stretches that ended by this reading explain no later one.
            stretches[channel]?.removeAll { ($0.toNanoseconds ?? .max) <= timeNanoseconds }
            if let closed {
                total.readings += closed.count
                total.uncoveredSeconds += Double(closed.uncoveredNanoseconds) / 1e9
                // The run's readings by cause; those before the first value were not counted
                // (the tracker gives no run then, and they are dropped below).
                for (cause, count) in pending[channel] ?? [:] { total.byCause[cause, default: 0] += count }
            }
            pending[channel] = nil
        }
        totals[channel] = total
    }
}
