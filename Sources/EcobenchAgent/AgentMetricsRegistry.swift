import Foundation
import Prometheus

/// The agent's `/metrics` exposition, kept in a swift-prometheus `PrometheusCollectorRegistry`
/// (text format 0.0.4, escaping and number formatting done by the library).
///
/// The agent does not count events; it exposes readings it already holds (counters continued
/// across restarts from the buffer). So each scrape hands every series its current value:
/// a counter is incremented by the growth since the value it last showed (never decremented:
/// a reading below it leaves it as it is), a gauge is set. Series that are gone (a pod whose
/// cgroup disappeared) are unregistered at the next scrape. Only this file imports Prometheus.
package final class AgentMetricsRegistry: @unchecked Sendable {
    // Safety: every member is used under `lock`; swift-prometheus metrics are thread-safe.
    package static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let registry = PrometheusCollectorRegistry()
    private let lock = NSLock()
    private var counters: [String: (metric: Counter, shown: Double)] = [:]
    private var gauges: [String: Gauge] = [:]
    /// Series updated during the scrape being rendered; the others are unregistered at its end.
    private var touched = Set<String>()

    /// Renders one scrape: `fill` sets every series present now; series it did not set are removed.
    package func render(_ fill: (AgentMetricsRegistry) -> Void) -> String {
        lock.withLock {
            touched.removeAll(keepingCapacity: true)
            fill(self)
            for (key, entry) in counters where !touched.contains(key) {
                registry.unregisterCounter(entry.metric)
                counters[key] = nil
            }
            for (key, gauge) in gauges where !touched.contains(key) {
                registry.unregisterGauge(gauge)
                gauges[key] = nil
            }
            return registry.emitToString()
        }
    }

    /// A counter series at `value` (only its growth since the last scrape is added).
    package func counter(_ name: String, labels: [(String, String)] = [], help: String, value: Double) {
        let key = Self.key(name, labels)
        touched.insert(key)
        var entry = counters[key] ?? (labels.isEmpty ? registry.makeCounter(name: name, help: help)
                                                     : registry.makeCounter(name: name, labels: labels, help: help), 0)
        if value.isFinite, value > entry.shown {
            entry.metric.increment(by: value - entry.shown)
            entry.shown = value
        }
        counters[key] = entry
    }

    /// A gauge series at `value`.
    package func gauge(_ name: String, labels: [(String, String)] = [], help: String, value: Double) {
        let key = Self.key(name, labels)
        touched.insert(key)
        let gauge = gauges[key] ?? (labels.isEmpty ? registry.makeGauge(name: name, help: help)
                                                    : registry.makeGauge(name: name, labels: labels, help: help))
        gauge.set(to: value)
        gauges[key] = gauge
    }

    private static func key(_ name: String, _ labels: [(String, String)]) -> String {
        ([name] + labels.map { "\($0.0)\u{1}\($0.1)" }).joined(separator: "\u{0}")
    }
}
