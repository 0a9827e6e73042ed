import Foundation
import EcobenchModel

/// Writes a sweep's report: `sweep.json` (Reports/schema/sweep.schema.json), `sweep.csv` (one row
/// per level) and `sweep.html` (the curve).
extension ReportWriter {
    public func writeSweep(_ report: SweepReport, to directory: String) throws -> [String] {
        try ensureDirectory(directory)
        let json = directory + "/sweep.json", csv = directory + "/sweep.csv", html = directory + "/sweep.html"
        try save(try SweepWriter.json(report), to: json)
        try save(Data(SweepWriter.csv(report).utf8), to: csv)
        try save(Data(SweepHTML.render(report).utf8), to: html)
        return [json, csv, html]
    }
}

public enum SweepWriter {
    public static func json(_ report: SweepReport) throws -> Data {
        var data = try ReportCoding.encoder(pretty: true).encode(report)
        data.append(0x0A)
        return data
    }

    public static let csvColumns = [
        "sweep_id", "level_percent", "run_id", "offered_rate_per_s", "achieved_rate_per_s", "utilisation", "saturated",
        "latency_p50_ms", "latency_p95_ms", "latency_p99_ms", "load_duration_s", "repetitions", "node_power_w",
        "node_power_random_uncertainty_w", "node_power_systematic_uncertainty_w", "node_energy_per_unit_j",
        "workload_energy_per_unit_j", "workload_energy_per_unit_ci95_low_j", "workload_energy_per_unit_ci95_high_j",
        "cpu_utilisation", "energy_kind",
    ]

    public static func csv(_ report: SweepReport) -> String {
        let n = CSVWriter.number
        var out = csvColumns.joined(separator: ",") + "\n"
        for l in report.levels {
            let cells = [String(report.sweep.id), String(l.levelPercent), String(l.runId), n(l.offeredRatePerS),
                         n(l.achievedRatePerS), n(l.utilisation), l.saturated ? "true" : "false", n(l.latencyP50Ms),
                         n(l.latencyP95Ms), n(l.latencyP99Ms), n(l.loadDurationS), String(l.repetitions), n(l.nodePowerW),
                         n(l.nodePowerRandomUncertaintyW), n(l.nodePowerSystematicUncertaintyW), n(l.nodeEnergyPerUnitJ),
                         n(l.workloadEnergyPerUnitJ?.mean), n(l.workloadEnergyPerUnitJ?.ci95Low),
                         n(l.workloadEnergyPerUnitJ?.ci95High), n(l.cpuUtilisation), report.nodeEnergy.kind.rawValue]
            out += cells.map(CSVWriter.field).joined(separator: ",") + "\n"
        }
        return out
    }
}
