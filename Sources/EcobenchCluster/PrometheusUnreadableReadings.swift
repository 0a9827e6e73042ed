/// An ecobench agent's unreadable readings as a Prometheus that scrapes it knows them: the agent
/// counts, per node energy source, the readings it could not take and the time they left
/// uncovered (`ecobench_node_energy_unreadable_readings_total` and
/// `ecobench_node_energy_uncovered_seconds_total{source}`, by `UnreadableReadingTracker`'s rule),
/// because its energy counter stays flat across them and a counter increase cannot show it.
///
/// A window takes a step of these counters when the first scrape that shows it lies in the window
/// (`start < t ≤ end`): a run is added to the counters when the reading that closes it is stored,
/// so the scrape showing it follows the run by at most one scrape interval plus the agent's commit
/// lag, and each step is given to exactly one window (a run straddling a window edge is given
/// whole to the window of that scrape). A step down (the agent restarted) counts from 0. Where the
/// series are absent (agents before them, other exporters) nothing is found.
///
/// Why: the agent also counts the same readings by their cause's category
/// (`ecobench_agent_unreadable_readings_total{channel, cause}`, `PrometheusUnreadableCause`),
/// added with the same runs, so the categories whose counter steps in the window are the causes
/// of the readings counted (agents before this counter: none, and the note keeps the generic words).
package struct PrometheusUnreadableReadings: Sendable {
    package static let readingsMetric = "ecobench_node_energy_unreadable_readings_total"
    package static let secondsMetric = "ecobench_node_energy_uncovered_seconds_total"
    package static let causeMetric = "ecobench_agent_unreadable_readings_total"
    package static let selector = "{__name__=~\"ecobench_node_energy_(unreadable_readings|uncovered_seconds)_total"
        + "|ecobench_agent_unreadable_readings_total\"}"

    /// Node → source → the series of each metric (several where one node has several agents).
    package var series: [String: [String: (readings: [[PrometheusPoint]], seconds: [[PrometheusPoint]])]] = [:]
    /// Node → channel → cause category → its series.
    package var causeSeries: [String: [String: [PrometheusUnreadableCause: [[PrometheusPoint]]]]] = [:]

    package init(_ all: [String: [PrometheusSeries]]) {
        for (node, nodeSeries) in all {
            for entry in nodeSeries {
                if entry.name == Self.causeMetric, let channel = entry.labels["channel"],
                   let cause = entry.labels["cause"].flatMap(PrometheusUnreadableCause.init(rawValue:)) {
                    causeSeries[node, default: [:]][channel, default: [:]][cause, default: []].append(entry.points)
                    continue
                }
                guard let source = entry.labels["source"] else { continue }
                var both = series[node, default: [:]][source] ?? ([], [])
                if entry.name == Self.readingsMetric { both.readings.append(entry.points) }
                else if entry.name == Self.secondsMetric { both.seconds.append(entry.points) }
                series[node, default: [:]][source] = both
            }
        }
    }

    /// What the counters of one node's source say about the window [start, end] (unix s).
    package func found(node: String, source: String, fromSeconds start: Double,
                       toSeconds end: Double) -> AgentUnreadableReadings.Found {
        guard let both = series[node]?[source] else { return .init(count: 0, uncoveredNanoseconds: 0) }
        let readings = both.readings.reduce(0) { $0 + Self.steps($1, fromSeconds: start, toSeconds: end) }
        let seconds = both.seconds.reduce(0) { $0 + Self.steps($1, fromSeconds: start, toSeconds: end) }
        return .init(count: Int(readings.rounded()), uncoveredNanoseconds: Int64((seconds * 1e9).rounded()),
                     causes: causes(node: node, channel: source, fromSeconds: start, toSeconds: end))
    }

    /// The cause categories (in words) whose counter steps in (start, end], in the order of their
    /// first step (ties in the categories' order); empty where the agent has no such counter.
    package func causes(node: String, channel: String, fromSeconds start: Double, toSeconds end: Double) -> [String] {
        guard let byCause = causeSeries[node]?[channel] else { return [] }
        let stepped = PrometheusUnreadableCause.allCases.compactMap { cause -> (cause: PrometheusUnreadableCause, first: Double)? in
            let firsts = (byCause[cause] ?? []).compactMap { Self.firstStep($0, fromSeconds: start, toSeconds: end) }
            return firsts.min().map { (cause, $0) }
        }
        return stepped.enumerated().sorted { ($0.element.first, $0.offset) < ($1.element.first, $1.offset) }
            .map(\.element.cause.words)
    }

    /// The time of the first sample in (start, end] that shows a step (up, or down: a restart
    /// counted from 0, when the new value is above 0).
    package static func firstStep(_ points: [PrometheusPoint], fromSeconds start: Double, toSeconds end: Double) -> Double? {
        zip(points, points.dropFirst()).first { a, b in
            b.timeSeconds > start && b.timeSeconds <= end && (b.value >= a.value ? b.value > a.value : b.value > 0)
        }?.1.timeSeconds
    }

    /// The counter's steps whose later sample lies in (start, end]; a step down counts from 0.
    package static func steps(_ points: [PrometheusPoint], fromSeconds start: Double, toSeconds end: Double) -> Double {
        zip(points, points.dropFirst()).reduce(0) { sum, pair in
            let (a, b) = pair
            guard b.timeSeconds > start, b.timeSeconds <= end else { return sum }
            return sum + (b.value >= a.value ? b.value - a.value : b.value)
        }
    }
}
