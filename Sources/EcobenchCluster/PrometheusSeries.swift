/// One sample of a Prometheus series: unix time in seconds (millisecond resolution, as
/// Prometheus stores it) and the value.
public struct PrometheusPoint: Sendable, Equatable {
    public var timeSeconds: Double
    public var value: Double

    public init(timeSeconds: Double, value: Double) {
        self.timeSeconds = timeSeconds
        self.value = value
    }
}

/// One series of a query answer: its labels (`__name__` included when Prometheus sends it)
/// and its points, oldest first (one point for an instant vector).
public struct PrometheusSeries: Sendable, Equatable {
    public var labels: [String: String]
    public var points: [PrometheusPoint]

    public init(labels: [String: String], points: [PrometheusPoint]) {
        self.labels = labels
        self.points = points
    }

    /// The metric name, or "" for an expression without one.
    public var name: String { labels["__name__"] ?? "" }

    /// `name{a="1",b="2"}` with labels sorted, `__name__` left out, for notes and errors.
    public var selector: String {
        let pairs = labels.filter { $0.key != "__name__" }.sorted { $0.key < $1.key }
            .map { "\($0.key)=\"\($0.value)\"" }
        return name + (pairs.isEmpty ? "" : "{" + pairs.joined(separator: ",") + "}")
    }
}
