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
package struct PrometheusUnreadableReadings: Sendable {
    package static let readingsMetric = "ecobench_node_energy_unreadable_readings_total"
    package static let secondsMetric = "ecobench_node_energy_uncovered_seconds_total"
    package static let selector = "{__name__=~\"ecobench_node_energy_(unreadable_readings|uncovered_seconds)_total\"}"

    /// Node → source → the series of each metric (several where one node has several agents).
    package var series: [String: [String: (readings: [[PrometheusPoint]], seconds: [[PrometheusPoint]])]] = [:]

    package init(_ all: [String: [PrometheusSeries]]) {
        for (node, nodeSeries) in all {
            for entry in nodeSeries {
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
        return .init(count: Int(readings.rounded()), uncoveredNanoseconds: Int64((seconds * 1e9).rounded()))
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
