import Foundation

/// Why a series has no sample over a stretch (a gap, or an end of the window without samples),
/// as the Prometheus that scrapes it knows: every scrape writes `up{job, instance}` (1: the
/// target answered, 0: the scrape failed) at the scrape's time, whether or not the series came.
/// So the raw `up` samples strictly inside the stretch say:
/// - none: Prometheus did not scrape the target then (it was stopped, or the target not discovered);
/// - some 0: the scrape failed (target down, refused, timed out); for a stretch still open (no
///   later sample of the series) and a target still failing, its `lastError` from
///   `/api/v1/targets` gives the text (Prometheus keeps no error text of older scrapes);
/// - all 1: the exporter answered without this series; for an ecobench agent, the categories of
///   the unreadable readings it counted then (`ecobench_agent_unreadable_readings_total`) follow.
/// A lookup that fails says so as the cause; it never fails the window's energy.
package final class PrometheusGapCauses {
    private let client: PrometheusClient
    private let unreadable: PrometheusUnreadableReadings
    private var targets: [PrometheusTarget]?
    private var targetsError: String?
    private var upSamples: [String: Result<[PrometheusPoint], PrometheusError>] = [:]

    package init(client: PrometheusClient, unreadable: PrometheusUnreadableReadings) {
        self.client = client
        self.unreadable = unreadable
    }

    /// The cause of `series` having no sample strictly inside `span` (unix s); `open`: no sample of
    /// the series follows it; `node`/`agentChannel`: where an agent's cause counters are (nil: not an agent).
    package func cause(of series: PrometheusSeries, span: ClosedRange<Double>, open: Bool,
                       node: String, agentChannel: String?) -> String {
        guard let job = series.labels["job"], let instance = series.labels["instance"] else {
            return "cause unknown: the series has no `job` and `instance` labels to look up its target's `up`"
        }
        let up: [PrometheusPoint]
        switch upInside(job: job, instance: instance, span: span) {
        case .success(let points): up = points
        case .failure(let error): return "cause unknown: \(error)"
        }
        var target: PrometheusTarget?
        if open, up.contains(where: { $0.value == 0 }) {
            if targets == nil, targetsError == nil {
                do { targets = try client.activeTargets() } catch { targetsError = "\(error)" }
            }
            target = targets?.first { $0.labels["job"] == job && $0.labels["instance"] == instance }
        }
        let agentCauses = agentChannel.map {
            unreadable.causes(node: node, channel: $0, fromSeconds: span.lowerBound, toSeconds: span.upperBound)
        } ?? []
        return Self.describe(up: up, target: target, agentCauses: agentCauses)
    }

    /// The words for a stretch from its `up` samples (those strictly inside it), the target as
    /// Prometheus has it now (nil: not asked or not found) and an agent's cause categories.
    package static func describe(up: [PrometheusPoint], target: PrometheusTarget?, agentCauses: [String]) -> String {
        guard !up.isEmpty else {
            return "no scrape recorded (Prometheus did not scrape the target then: stopped, or the target not discovered)"
        }
        let failed = up.filter { $0.value == 0 }.count
        guard failed == 0 else {
            let share = failed < up.count ? " in \(failed) of \(up.count) scrapes" : ""
            let text = target?.health == "down" ? (target?.lastError ?? "") : ""
            return "scrape failed (up == 0\(share))" + (text.isEmpty ? "" : ": \(text)")
        }
        return "the exporter answered without this series"
            + (agentCauses.isEmpty ? "" : " (the agent counted unreadable readings: \(agentCauses.joined(separator: ", ")))")
    }

    /// `up{job, instance}`'s raw samples strictly inside `span` (one query per target and span).
    private func upInside(job: String, instance: String, span: ClosedRange<Double>) -> Result<[PrometheusPoint], PrometheusError> {
        let selector = "up{job=\"\(Self.escape(job))\",instance=\"\(Self.escape(instance))\"}"
        let key = "\(selector)@\(span.lowerBound)…\(span.upperBound)"
        if let known = upSamples[key] { return known }
        let query = PrometheusNodeEnergySource.rangeQuery(selector, start: span.lowerBound, end: span.upperBound,
                                                                margin: 0.001)
        let result: Result<[PrometheusPoint], PrometheusError>
        do {
            let points = try client.query(query.expression, atSeconds: query.atSeconds).flatMap(\.points)
            result = .success(points.filter { $0.timeSeconds > span.lowerBound && $0.timeSeconds < span.upperBound }
                .sorted { $0.timeSeconds < $1.timeSeconds })
        } catch let error as PrometheusError {
            result = .failure(error)
        } catch {
            result = .failure(.unreachable(url: client.baseURL, detail: "\(error)"))
        }
        upSamples[key] = result
        return result
    }

    /// A label value inside a PromQL string: backslash and double quote escaped.
    package static func escape(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n")
    }
}
