import Foundation
import EcobenchStore

/// Tidy CSV tables for researchers: one row per observation, one column per variable,
/// units in the column names.
public enum CSVWriter {
    public static func field(_ value: String) -> String {
        if value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return value
    }

    package static func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "" }
        return String(value)
    }

    package static let phaseColumns = [
        "run_id", "repetition", "phase", "start_s", "duration_s", "energy_j", "mean_power_w", "baseline_power_w",
        "idle_energy_j", "dynamic_energy_j", "workload_energy_j", "unattributed_energy_j", "node_busy_cpu_seconds",
        "workload_cpu_seconds", "workload_cpu_share", "functional_units", "co2e_g", "energy_kind",
    ]
    package static let applicationColumns = [
        "run_id", "application", "functional_unit", "repetition", "phase", "energy_j", "dynamic_energy_j", "cpu_seconds",
        "functional_units", "energy_per_unit_j", "co2e_g", "co2e_per_unit_g", "energy_kind",
    ]

    /// One row of cells (not yet CSV-escaped) per phase of each repetition.
    package static func phaseRows(_ report: Report) -> [[String]] {
        report.phases.map { p in
            [String(report.run.id), String(p.repetition), p.name.rawValue, number(p.startS), number(p.durationS),
             number(p.energyJ), number(p.meanPowerW), number(p.baselinePowerW), number(p.idleEnergyJ),
             number(p.dynamicEnergyJ), number(p.workloadEnergyJ), number(p.unattributedEnergyJ),
             number(p.nodeBusyCpuSeconds), number(p.workloadCpuSeconds), number(p.workloadCpuShare),
             number(p.functionalUnits), number(p.co2eG), report.nodeEnergy.kind.rawValue]
        }
    }

    /// One row of cells per application and repetition's load phase.
    package static func applicationRows(_ report: Report) -> [[String]] {
        report.applications.flatMap { app in
            app.repetitions.map { rep in
                [String(report.run.id), app.name, app.functionalUnit, String(rep.repetition), "load",
                 number(rep.energyJ), number(rep.dynamicEnergyJ), number(rep.cpuSeconds),
                 number(rep.functionalUnits), number(rep.energyPerUnitJ), number(rep.co2eG),
                 number(rep.co2ePerUnitG), report.nodeEnergy.kind.rawValue]
            }
        }
    }

    /// A header and rows as CSV text, every cell escaped.
    package static func table(_ columns: [String], _ rows: [[String]]) -> String {
        ([columns] + rows).map { $0.map(field).joined(separator: ",") }.joined(separator: "\n") + "\n"
    }

    public static func phases(_ report: Report) -> String { table(phaseColumns, phaseRows(report)) }

    public static func applications(_ report: Report) -> String { table(applicationColumns, applicationRows(report)) }

    /// The header of `writeSamples`' file.
    package static let sampleColumns = ["run_id", "t_s", "source", "unit", "kind", "value"]

    /// Streams every sample of the run (t_s, channel, unit, kind, value) to `path`, source by source.
    /// Each row's bytes are those of `"\(runID),\(String(Double(t) / 1e9)),\(field(name)),\(field(unit)),\(kind),"
    /// + number(value)`; the constant parts are prepared once per source.
    public static func writeSamples(store: RunStore, runID: Int64, to path: String,
                                    bufferBytes: Int = 1 << 20) throws {
        let file = try SampleFileBuffer(creating: path, limitBytes: bufferBytes)
        try file.append(sampleColumns.joined(separator: ","))
        try file.endLine()
        let prefix = Array("\(runID),".utf8)
        for source in try store.sources(runID: runID) {
            let d = source.descriptor
            let suffix = Array(",\(field(d.name)),\(field(d.unit)),\(d.kind.rawValue),".utf8)
            try store.forEachSample(sourceID: source.id) { t, value in
                file.append(utf8: prefix)
                file.append(Double(t) / 1e9)
                file.append(utf8: suffix)
                if value.isFinite { file.append(value) }
                try file.endLine()
            }
        }
        try file.finish()
    }
}
