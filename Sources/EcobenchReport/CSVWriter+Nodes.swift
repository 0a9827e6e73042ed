/// `nodes.csv` of a multi-node run: one row per agent node, repetition and phase.
extension CSVWriter {
    package static let nodeColumns = [
        "run_id", "node", "url", "repetition", "phase", "start_unix_ns", "duration_s", "energy_j", "coverage",
        "baseline_power_w", "attributed_energy_j", "unattributed_energy_j", "busy_cpu_seconds", "energy_kind",
        "source", "clock_offset_ms", "clock_rtt_ms",
    ]

    package static func nodeRows(_ report: Report) -> [[String]] {
        (report.cluster?.nodes ?? []).flatMap { node in
            node.phases.map { p in
                [String(report.run.id), node.name, node.url, String(p.repetition), p.name, String(p.startUnixNs),
                 number(p.durationS), number(p.energyJ), number(p.coverage), number(p.baselinePowerW),
                 number(p.attributedEnergyJ), number(p.unattributedEnergyJ), number(p.busyCpuSeconds),
                 p.kind.rawValue, p.source, number(node.clockOffsetMs), number(node.clockRttMs)]
            }
        }
    }

    /// nil for a run without agents.
    public static func nodes(_ report: Report) -> String? {
        guard report.cluster != nil else { return nil }
        return table(nodeColumns, nodeRows(report))
    }
}
