import Foundation
import EcobenchCollect

/// Node energy per window from a Prometheus that already scrapes ecobench agents, Kepler or
/// node-exporter (see `PrometheusEnergyExporter` for the series read).
///
/// For a window it fetches each exporter's raw samples with a range selector evaluated at the
/// window's end plus `marginSeconds` (`series[duration + 2·margin]`, one `/api/v1/query` per
/// exporter), so the samples just outside the window are there to interpolate its edges. Each
/// channel's energy is its counter increase (or its watts integrated) over the window
/// (`SeriesWindowAmount`). Per node the channels of each exporter are ranked like local sources
/// (`NodeEnergySelection`: wall > platform (psys) > package + DRAM > estimate); across exporters
/// the best candidate wins: measured before estimated, then by rank, then in exporter order.
/// The other candidates are listed in the reading's notes. An agent's unreadable readings (a RAPL
/// counter reset: its energy counter stays flat across them) come from its own counters
/// (`PrometheusUnreadableReadings`) and lower the window's coverage as on the agent path.
/// Every gap of a series, and an end of the window without its samples, names its cause in the
/// note, as Prometheus' own `up` series and targets tell it (`PrometheusGapCauses`).
public struct PrometheusNodeEnergySource: NodeEnergySource {
    public let client: PrometheusClient
    public let nodeLabel: PrometheusNodeLabel
    public let exporters: [PrometheusEnergyExporter]
    public let hwmonChipRegex: String?
    public let marginSeconds: Double

    public init(client: PrometheusClient, nodeLabel: PrometheusNodeLabel = PrometheusNodeLabel(),
                exporters: [PrometheusEnergyExporter] = PrometheusEnergyExporter.allCases,
                hwmonChipRegex: String? = nil, marginSeconds: Double = 60) {
        self.client = client
        self.nodeLabel = nodeLabel
        self.exporters = exporters
        self.hwmonChipRegex = hwmonChipRegex
        self.marginSeconds = marginSeconds
    }

    public var label: String { "prometheus \(client.baseURL)" }

    /// One candidate way to get a node's energy from one exporter.
    package struct Candidate {
        package var exporter: PrometheusEnergyExporter
        package var selection: NodeEnergySelection
        package var energyJoules: Double
        package var coverage: Double
        package var notes: [String]
        package var uncertainty: NodeEnergyUncertainty
    }

    public func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        let start = Double(window.startUnixNanoseconds) / 1e9, end = Double(window.endUnixNanoseconds) / 1e9
        var fetched: [(exporter: PrometheusEnergyExporter, series: [String: [PrometheusSeries]])] = []
        var unreadable = PrometheusUnreadableReadings([:])
        for exporter in exporters {
            guard let selector = exporter.selector(hwmonChipRegex: hwmonChipRegex) else { continue }
            fetched.append((exporter, try rawSamples(selector, start: start, end: end)))
            if exporter == .agent { unreadable = PrometheusUnreadableReadings(
                try rawSamples(PrometheusUnreadableReadings.selector, start: start, end: end)) }
        }
        let causes = PrometheusGapCauses(client: client, unreadable: unreadable)
        return readings(fetched, unreadable: unreadable, start: start, end: end) { channel, span, open, node, agent in
            causes.cause(of: channel.series, span: span, open: open, node: node, agentChannel: agent ? channel.name : nil)
        }
    }

    /// Why a channel has no sample inside a stretch (unix s; `open`: none follows it) of a node's
    /// series (`agent`: an agent's channel); nil: not asked (the notes then name no cause).
    package typealias GapCause = (_ channel: PrometheusEnergyChannel, _ span: ClosedRange<Double>, _ open: Bool,
                                  _ node: String, _ agent: Bool) -> String?

    /// The raw samples of `[start − margin, end + margin]` of a selector's series, by node.
    private func rawSamples(_ selector: String, start: Double, end: Double) throws -> [String: [PrometheusSeries]] {
        let query = Self.rangeQuery(selector, start: start, end: end, margin: marginSeconds)
        let series = try client.query(query.expression, atSeconds: query.atSeconds)
        return try nodeLabel.group(series, query: query.expression, url: client.baseURL)
    }

    /// One reading per node from the fetched series of each exporter (in exporter order) over
    /// the window [start, end] (unix s).
    package func readings(_ fetched: [(exporter: PrometheusEnergyExporter, series: [String: [PrometheusSeries]])],
                          unreadable: PrometheusUnreadableReadings, start: Double, end: Double,
                          gapCause: GapCause = { _, _, _, _, _ in nil }) -> [NodeEnergyReading] {
        var candidates: [String: [Candidate]] = [:]
        for (exporter, byNode) in fetched {
            for (node, nodeSeries) in byNode {
                let channels = exporter.channels(nodeSeries)
                for selection in NodeEnergySelection.candidates(from: channels.map(\.descriptor)) {
                    candidates[node, default: []].append(
                        evaluate(selection, channels.filter { selection.channels.contains($0.name) }, exporter,
                                 start: start, end: end, unreadable: { source in
                            exporter == .agent ? unreadable.found(node: node, source: source, fromSeconds: start,
                                                                  toSeconds: end) : nil
                        }, gapCause: { channel, span, open in gapCause(channel, span, open, node, exporter == .agent) })
                    )
                }
            }
        }
        return candidates.keys.sorted().compactMap { node in
            let ranked = (candidates[node] ?? []).enumerated().sorted { lhs, rhs in
                Self.order(lhs.element) != Self.order(rhs.element) ? Self.order(lhs.element) < Self.order(rhs.element)
                                                                   : lhs.offset < rhs.offset
            }.map(\.element)
            guard let best = ranked.first else { return nil }
            var notes = best.notes
            for other in ranked.dropFirst() {
                notes.append(String(format: "also available: %@ %@: %.3f J (%@)", other.exporter.rawValue,
                                    other.selection.method, other.energyJoules, other.selection.kind.rawValue))
            }
            return NodeEnergyReading(node: node, source: "\(label) \(best.exporter.rawValue) \(best.selection.method)",
                                     kind: best.selection.kind, energyJoules: best.energyJoules,
                                     coverage: best.coverage, notes: notes, uncertainty: best.uncertainty)
        }
    }

    /// `unreadable`: what an agent's counters say about a channel's unreadable readings (nil: not an agent).
    private func evaluate(_ selection: NodeEnergySelection, _ channels: [PrometheusEnergyChannel],
                          _ exporter: PrometheusEnergyExporter, start: Double, end: Double,
                          unreadable: (String) -> AgentUnreadableReadings.Found?,
                          gapCause: (PrometheusEnergyChannel, ClosedRange<Double>, Bool) -> String?) -> Candidate {
        var energy = 0.0
        var coverage = 1.0
        var sampleCoverage = 1.0
        var notes: [String] = []
        var uncertainty = NodeEnergyUncertainty(sourceRelative: selection.relativeUncertainty)
        let duration = end - start
        for channel in channels {
            let amount = channel.amount(fromSeconds: start, toSeconds: end)
            energy += amount.amount
            if let integral = amount.integral { uncertainty.add(integral) }
            sampleCoverage = min(sampleCoverage, duration > 0 ? min(1, amount.coveredSeconds / duration) : 0)
            coverage = min(coverage, sampleCoverage)
            if let note = unreadable(channel.name)?.apply(channel: channel.name, channelJoules: amount.amount,
                                                          windowNanoseconds: Int64((duration * 1e9).rounded()),
                                                          coverage: &coverage, uncertainty: &uncertainty) {
                notes.append(note)
            }
            if amount.resets > 0 {
                notes.append("\(channel.series.selector): \(amount.resets) counter reset(s) in the window, "
                             + "counted from 0 as PromQL's increase() does")
            }
            if amount.gaps > 0 {
                notes.append("\(channel.series.selector): \(amount.gaps) gap(s) longer than "
                             + "\(Int(SeriesWindowAmount.gapFactor))× the median scrape spacing"
                             + (channel.isPowerGauge ? " (power interpolated across them)" : " (counter increase across them kept)")
                             + Self.why(amount.gapSpans, start: start, end: end) { gapCause(channel, $0, false) })
            }
            let lastSample = channel.series.points.map(\.timeSeconds).max() ?? -.infinity
            for span in amount.uncoveredEnds {
                guard let cause = gapCause(channel, span, span.upperBound >= lastSample) else { continue }
                notes.append("\(channel.series.selector): no samples in " + Self.relative(span, start: start, end: end)
                             + " of the window: \(cause)")
            }
        }
        if sampleCoverage < 0.999 {
            notes.append(String(format: "samples cover %.1f %% of the window (no extrapolation beyond the first "
                                + "and last sample)", sampleCoverage * 100))
        }
        if exporter == .kepler {
            notes.append("Kepler 0.10+ reads RAPL zones; its fake CPU meter (a development option) is not distinguishable here")
        }
        if exporter == .keplerLegacy, selection.kind == .estimated {
            notes.append("Kepler 0.7 series without a sensor `source` label: its trained power model's estimate "
                         + "(as on VMs without RAPL)")
        }
        return Candidate(exporter: exporter, selection: selection, energyJoules: energy, coverage: coverage, notes: notes,
                         uncertainty: uncertainty)
    }

    /// ": <span>: <cause>; …" for the first `AgentUnreadableReadings.causesNamed` spans (then how
    /// many more), "" when no cause is given.
    package static func why(_ spans: [ClosedRange<Double>], start: Double, end: Double,
                            cause: (ClosedRange<Double>) -> String?) -> String {
        let named = spans.prefix(AgentUnreadableReadings.causesNamed).compactMap { span in
            cause(span).map { relative(span, start: start, end: end) + ": " + $0 }
        }
        guard !named.isEmpty else { return "" }
        let more = spans.count - named.count
        return ": " + named.joined(separator: "; ") + (more > 0 ? "; and \(more) more" : "")
    }

    /// A stretch clipped to the window, in seconds from its start: "12.0 s–14.0 s".
    package static func relative(_ span: ClosedRange<Double>, start: Double, end: Double) -> String {
        String(format: "%.1f s–%.1f s", max(span.lowerBound, start) - start, min(span.upperBound, end) - start)
    }

    package static func order(_ candidate: Candidate) -> Int {
        let ranks: [NodeEnergySelection.Rank] = [.wall, .platform, .cpuDram, .estimate]
        return (candidate.selection.kind == .estimated ? 10 : 0) + (ranks.firstIndex(of: candidate.selection.rank) ?? 9)
    }

    /// `selector[Nms]` evaluated at `end + margin`: the raw samples of `[start − margin, end + margin]`.
    package static func rangeQuery(_ selector: String, start: Double, end: Double,
                                   margin: Double) -> (expression: String, atSeconds: Double) {
        let rangeMilliseconds = Int64(((end - start) + 2 * margin) * 1000)
        return ("\(selector)[\(rangeMilliseconds)ms]", end + margin)
    }
}
