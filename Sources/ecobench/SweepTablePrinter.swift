import EcobenchCore
import Foundation

/// The per-level table `ecobench sweep` prints when it ends.
enum SweepTablePrinter {
    static func print(_ outcome: SweepOutcome, unit: String, database: String) {
        var lines: [String] = []
        if let id = outcome.sweepID {
            lines.append("sweep \(id): calibration run \(outcome.calibrationRunID.map(String.init) ?? "-"), maximum "
                         + (outcome.maxThroughputPerSecond.map { SweepRate.spelled($0) } ?? "-") + " \(unit)/s")
        }
        var rows: [[String]] = []
        if !outcome.levels.isEmpty {
            rows.append(["level %", "offered \(unit)/s", "achieved \(unit)/s", "node W (load)", "p50 ms",
                         "p95 ms", "p99 ms", "saturated", "run"])
        }
        for level in outcome.levels {
            let record = level.record
            func value(_ number: Double?) -> String { number.map { SweepRate.spelled($0) } ?? "-" }
            rows.append([
                "\(record.levelPercent)", record.offeredRatePerSecond.map { SweepRate.spelled($0) } ?? "idle",
                value(record.achievedRatePerSecond), value(level.loadPowerWatts), value(record.latencyP50Milliseconds),
                value(record.latencyP95Milliseconds), value(record.latencyP99Milliseconds),
                record.saturated ? "yes" : "no", "\(record.runID)",
            ])
        }
        lines += aligned(rows)
        lines += outcome.notes.map { "note: \($0)" }
        lines.append("database: \(database)")
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }

    /// Each column padded to its widest cell.
    private static func aligned(_ rows: [[String]]) -> [String] {
        let widths = (0..<(rows.first?.count ?? 0)).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { cells in
            zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - $0.count) }
                .joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
    }
}
