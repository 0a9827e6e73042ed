import Foundation
import EcobenchStore
import EcobenchCluster

/// The report's `cluster` section, from what the run store holds (`node_clocks`,
/// `node_energy`), so `ecobench report` rebuilds it without the agents.
public enum ClusterReportBuilder {
    public static let attributionMethod =
        "workload processes run on the controller only; each agent node is charged with its energy above its own "
        + "baseline power (energy of the same repetition's baseline phase / its duration), the rest stays unattributed; "
        + "without a usable baseline phase nothing of that node is attributed"

    /// Said once for runs with nodes read from Prometheus.
    public static let prometheusClockNote =
        "flag: nodes read from Prometheus: its sample times are the scraping server's clock; the windows were asked "
        + "shifted by the offset of the Prometheus server that answered the queries (clock_offset_ms, from "
        + "vector(time())). Behind federation, remote-write or Thanos the scraper may be another machine: its clock "
        + "is then assumed NTP-synced with that server. Energy near each window's edge is interpolated between "
        + "scrapes, so a phase shorter than a few scrape intervals is read coarsely"

    /// nil for runs without agents or Prometheus nodes.
    public static func build(store: RunStore, runID: Int64) throws -> ReportCluster? {
        let clocks = try store.nodeClocks(runID: runID)
        let readings = try store.nodeEnergy(runID: runID)
        guard !clocks.isEmpty || !readings.isEmpty else { return nil }
        var names: [String] = []
        for name in clocks.map(\.node) + readings.map(\.energy.node) where !names.contains(name) { names.append(name) }
        var notes = ["application attribution (applications, totals) covers the local node only; agent nodes are "
                     + "reported here and are not in the report's totals"]
        var nodes: [ReportCluster.Node] = []
        for name in names {
            let start = clocks.first { $0.node == name && $0.moment == .start }
            let end = clocks.first { $0.node == name && $0.moment == .end }
            let attributed = NodeDynamicAttribution.attribute(readings.filter { $0.energy.node == name })
            nodes.append(node(name: name, start: start, end: end, attributed: attributed))
            for a in attributed {
                notes += a.notes.map { "agent \(name), \(a.reading.window.phase) of repetition \(a.reading.window.repetition): " + $0 }
            }
            if attributed.contains(where: { $0.reading.window.phase != NodeDynamicAttribution.baselinePhase })
                && !attributed.contains(where: { $0.baselinePowerWatts != nil }) {
                notes.append("agent \(name): no usable baseline phase; none of its energy is attributed to the workload")
            }
        }
        var phases: [ReportCluster.Phase] = []
        for p in nodes.flatMap(\.phases) {
            if let i = phases.firstIndex(where: { $0.name == p.name && $0.repetition == p.repetition }) {
                phases[i].energyJ += p.energyJ
                phases[i].attributedEnergyJ += p.attributedEnergyJ
                phases[i].unattributedEnergyJ += p.unattributedEnergyJ
                phases[i].minCoverage = min(phases[i].minCoverage, p.coverage)
            } else {
                phases.append(ReportCluster.Phase(name: p.name, repetition: p.repetition, energyJ: p.energyJ,
                                                  attributedEnergyJ: p.attributedEnergyJ,
                                                  unattributedEnergyJ: p.unattributedEnergyJ, minCoverage: p.coverage))
            }
        }
        let energy = nodes.reduce(0) { $0 + $1.energyJ }
        let attributedEnergy = nodes.reduce(0) { $0 + $1.attributedEnergyJ }
        if nodes.contains(where: { $0.source.hasPrefix("prometheus") }) {
            notes.append(prometheusClockNote)
        }
        let estimated = nodes.contains { $0.kind == .estimated }
        if estimated { notes.append("some agent node energy is ESTIMATED, not measured (see each node's source)") }
        return ReportCluster(
            attribution: attributionMethod,
            clockOffsetFlagThresholdMs: Double(ClockAlignment.flagThresholdNanoseconds) / 1e6,
            nodes: nodes, phases: phases,
            totals: ReportCluster.Totals(nodes: nodes.count, energyJ: energy, attributedEnergyJ: attributedEnergy,
                                         unattributedEnergyJ: energy - attributedEnergy,
                                         kind: estimated ? .estimated : .measured,
                                         minCoverage: nodes.map(\.minCoverage).min() ?? 0),
            notes: notes)
    }

    package static func node(name: String, start: NodeClockRecord?, end: NodeClockRecord?,
                             attributed: [NodeDynamicAttribution]) -> ReportCluster.Node {
        var flags: [String] = []
        if let flag = start?.alignment?.flag(agent: name) { flags.append(flag) }
        if let error = start?.error { flags.append("clock at start: \(error)") }
        if let error = end?.error { flags.append("clock at end: \(error)") }
        let phases = attributed.map { a -> ReportCluster.NodePhase in
            let r = a.reading
            return ReportCluster.NodePhase(
                name: r.window.phase, repetition: r.window.repetition, startUnixNs: r.window.startUnixNanoseconds,
                durationS: r.window.durationSeconds, energyJ: r.energy.energyJoules, coverage: r.energy.coverage,
                source: r.energy.source, kind: r.energy.kind, baselinePowerW: a.baselinePowerWatts,
                attributedEnergyJ: a.attributedEnergyJoules, unattributedEnergyJ: a.unattributedEnergyJoules,
                busyCpuSeconds: r.busyCPUSeconds, notes: r.energy.notes,
                errorBudget: ErrorBudgetBuilder.nodePhase(r.energy, phase: r.window.phase,
                                                          repetition: r.window.repetition,
                                                          durationSeconds: r.window.durationSeconds))
        }
        let gaps = phases.filter { $0.coverage < 1 }
        if !gaps.isEmpty {
            flags.append("gap: \(gaps.count) of \(phases.count) phase window(s) not fully covered by samples "
                         + String(format: "(lowest coverage %.1f %%)", (gaps.map(\.coverage).min() ?? 0) * 100)
                         + (gaps.first?.notes.first.map { "; " + $0 } ?? ""))
        }
        let answered = phases.first { $0.coverage > 0 } ?? phases.first
        let offset = start?.alignment.map { Double($0.offsetNanoseconds) / 1e6 }
        let offsetEnd = end?.alignment.map { Double($0.offsetNanoseconds) / 1e6 }
        let energy = phases.reduce(0) { $0 + $1.energyJ }
        let attributedEnergy = phases.reduce(0) { $0 + $1.attributedEnergyJ }
        return ReportCluster.Node(
            name: name, url: start?.url ?? end?.url ?? "", source: answered?.source ?? "none",
            kind: answered?.kind ?? .measured, clockOffsetMs: offset,
            clockRttMs: start?.alignment.map { Double($0.roundTripNanoseconds) / 1e6 },
            clockOffsetEndMs: offsetEnd, clockRttEndMs: end?.alignment.map { Double($0.roundTripNanoseconds) / 1e6 },
            clockDriftMs: offset.flatMap { a in offsetEnd.map { $0 - a } }, flags: flags,
            energyJ: energy, attributedEnergyJ: attributedEnergy, unattributedEnergyJ: energy - attributedEnergy,
            minCoverage: phases.map(\.coverage).min() ?? 0, phases: phases)
    }
}
