import Foundation
import EcobenchCluster

/// Local runs with `--prometheus-url`: the other nodes' energy from a Prometheus that scrapes
/// them (ecobench agents, Kepler, node-exporter), stored per phase window in `node_energy`
/// beside the agents' readings, so the report's `cluster` section lists them too.
///
/// - Clock: Prometheus stamps samples with the scraping server's clock. Its offset to this
///   controller is measured before and after the run (`vector(time())`, like an agent's
///   `/clock`) and each window is asked shifted by the start offset. That offset is of the
///   server answering queries; behind federation, remote-write or Thanos the scraper may be
///   another machine, assumed NTP-synced with it (a cluster note says so).
/// - Settle: after the last phase, waits until every target was scraped past its end
///   (`min(timestamp(up))`), at most `settleSeconds`, so its edge can be interpolated.
/// - Duplicates: a Prometheus node named like an agent, or like an agent URL's host (the
///   default node label is `instance` without its port), is that agent's node: the agent's
///   readings are kept (pulled directly, per repetition) and the Prometheus one is left out
///   with a run note giving its energy, so no node is counted twice.
extension WorkloadRunner {
    /// Measures Prometheus' clock; throws when it does not answer (before anything runs).
    package func alignPrometheusAtStart() throws {
        guard let prometheus = config.prometheus else { return }
        let alignment = try prometheus.clock.align()
        prometheusStartAlignment = alignment
        notes.append(String(format: "prometheus %@: clock offset %.3f ms, round trip %.3f ms",
                            prometheus.energy.client.baseURL, Double(alignment.offsetNanoseconds) / 1e6,
                            Double(alignment.roundTripNanoseconds) / 1e6))
    }

    /// After the run: settle, then every completed phase window read from Prometheus and stored.
    package func collectPrometheus(runID: Int64) {
        guard let prometheus = config.prometheus, let start = prometheusStartAlignment else { return }
        let url = prometheus.energy.client.baseURL
        let windows: [ClusterWindow]
        do { windows = try completedWindows(runID: runID) } catch {
            notes.append("prometheus energy not collected: phases unreadable: \(error)")
            return
        }
        guard let last = windows.map(\.endUnixNanoseconds).max() else { return }
        let lastOnPrometheus = Double(last + start.offsetNanoseconds) / 1e9
        if stop.reason != nil {
            notes.append("prometheus \(url): interrupted, read without waiting for a scrape after the last phase")
        } else if !prometheus.clock.waitForScrape(after: lastOnPrometheus, maxSeconds: prometheus.settleSeconds,
                                                  cancelled: { stop.reason != nil }) {
            notes.append(String(format: "prometheus %@: not every target was scraped after the last phase within "
                                + "%.0f s (--prometheus-settle); the last windows' coverage says what is missing",
                                url, prometheus.settleSeconds))
        }
        var readings: [AgentWindowReading] = []
        var failed: [(ClusterWindow, String)] = []
        var cpuError: String?
        for window in windows {
            let asked = ClusterWindow(phase: window.phase, repetition: window.repetition,
                                      startUnixNanoseconds: window.startUnixNanoseconds + start.offsetNanoseconds,
                                      endUnixNanoseconds: window.endUnixNanoseconds + start.offsetNanoseconds)
            do {
                let energy = try prometheus.energy.nodeEnergy(in: asked)
                var busy: [String: Double] = [:]
                if let cpu = prometheus.cpu {
                    do { busy = try cpu.nodeBusyCPUSeconds(in: asked) } catch { cpuError = "\(error)" }
                }
                // The server's clock offset is known to half its round trip: each edge within ±that.
                let residualMs = Double(start.roundTripNanoseconds) / 2e6
                readings += energy.map { reading in
                    var reading = reading
                    reading.uncertainty?.clockResidualMs = residualMs
                    return AgentWindowReading(window: window, energy: reading, busyCPUSeconds: busy[reading.node])
                }
            } catch {
                failed.append((window, "\(error)"))
            }
        }
        if let cpuError { notes.append("prometheus \(url): node busy CPU not read: \(cpuError)") }
        readings += Self.missingReadings(readings, windows: windows, failed: failed, url: url)
        if readings.isEmpty, let first = failed.first {
            notes.append("flag: prometheus \(url) gave no node energy: \(first.1)")
            return
        }
        let kept = keepingAgentNodes(readings)
        let nodes = Array(Set(kept.map(\.energy.node))).sorted()
        var clocks = nodes.map { NodeClockRecord(node: $0, url: url, moment: .start, alignment: start, error: nil) }
        do {
            let end = try prometheus.clock.align()
            clocks += nodes.map { NodeClockRecord(node: $0, url: url, moment: .end, alignment: end, error: nil) }
        } catch {
            clocks += nodes.map { NodeClockRecord(node: $0, url: url, moment: .end, alignment: nil, error: "\(error)") }
        }
        do {
            try store.insertNodeClocks(runID: runID, clocks)
            try store.insertNodeEnergy(runID: runID, kept)
        } catch { notes.append("prometheus energy not stored: \(error)") }
    }

    /// Coverage-0 readings (a flagged gap, never an invented number) for each node Prometheus
    /// knows in some window but gave nothing for in another.
    package static func missingReadings(_ readings: [AgentWindowReading], windows: [ClusterWindow],
                                        failed: [(ClusterWindow, String)], url: String) -> [AgentWindowReading] {
        let nodes = Array(Set(readings.map(\.energy.node))).sorted()
        var out: [AgentWindowReading] = []
        for window in windows {
            let error = failed.first { $0.0 == window }?.1
            for node in nodes where !readings.contains(where: { $0.window == window && $0.energy.node == node }) {
                let why = error ?? "no energy series for this node in this window"
                out.append(AgentWindowReading(
                    window: window, energy: NodeEnergyReading(node: node, source: "prometheus \(url)", kind: .measured,
                                                              energyJoules: 0, coverage: 0,
                                                              notes: ["no data (gap): \(why)"]),
                    busyCPUSeconds: nil))
            }
        }
        return out
    }

    /// The readings of nodes no agent of the run covers; the others are noted and left out.
    package func keepingAgentNodes(_ readings: [AgentWindowReading]) -> [AgentWindowReading] {
        var agentOf: [String: String] = [:]
        for node in agentNodes {
            agentOf[node.name] = node.name
            if let host = URL(string: node.url)?.host, agentOf[host] == nil { agentOf[host] = node.name }
        }
        var duplicates: [String: (agent: String, energyJ: Double, windows: Int, source: String)] = [:]
        let kept = readings.filter { reading in
            guard let agent = agentOf[reading.energy.node] else { return true }
            duplicates[reading.energy.node, default: (agent, 0, 0, reading.energy.source)].energyJ += reading.energy.energyJoules
            duplicates[reading.energy.node]?.windows += 1
            return false
        }
        for (node, d) in duplicates.sorted(by: { $0.key < $1.key }) {
            notes.append(String(format: "prometheus node %@ is agent %@'s node: the agent's readings are kept; "
                                + "Prometheus' (%.3f J over %d window(s), %@) are not counted", node, d.agent,
                                d.energyJ, d.windows, d.source))
        }
        return kept
    }
}
