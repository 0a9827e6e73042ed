import Foundation
import EcobenchModel

extension RunStore {
    /// Records a new load sweep (migration 11, table `sweeps`); returns its id. Its levels are
    /// added with `addSweepLevel` as each level's run completes.
    public func createSweep(workload: String, levelsPercent: [Int], calibrationRunID: Int64?,
                            maxThroughputPerSecond: Double?, sloP99Milliseconds: Double?,
                            createdAt: String = RunStore.iso8601Now()) throws -> Int64 {
        let levelsJSON = try ReportCoding.encodeString(levelsPercent)
        return try locked {
            try db.prepare("""
                INSERT INTO sweeps(workload, levels_json, calibration_run_id, max_throughput_per_s, slo_p99_ms, created_at)
                VALUES (?, ?, ?, ?, ?, ?)
                """).run([.text(workload), .text(levelsJSON), .optional(calibrationRunID),
                          .optional(maxThroughputPerSecond), .optional(sloP99Milliseconds), .text(createdAt)])
            return db.lastInsertRowID
        }
    }

    /// Sets the calibration of a sweep created before its calibration run finished.
    public func setSweepCalibration(sweepID: Int64, calibrationRunID: Int64?, maxThroughputPerSecond: Double?) throws {
        try locked {
            try db.prepare("UPDATE sweeps SET calibration_run_id = ?, max_throughput_per_s = ? WHERE id = ?")
                .run([.optional(calibrationRunID), .optional(maxThroughputPerSecond), .integer(sweepID)])
        }
    }

    /// Stores one level's run and figures (table `sweep_levels`); a level stored again replaces
    /// the earlier row (a re-run level).
    public func addSweepLevel(_ level: SweepLevelRecord) throws {
        try locked {
            try db.prepare("""
                INSERT OR REPLACE INTO sweep_levels(sweep_id, level_percent, offered_rate_per_s, run_id,
                  achieved_rate_per_s, latency_p50_ms, latency_p95_ms, latency_p99_ms, saturated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run([.integer(level.sweepID), .int(level.levelPercent), .optional(level.offeredRatePerSecond),
                          .integer(level.runID), .optional(level.achievedRatePerSecond),
                          .optional(level.latencyP50Milliseconds), .optional(level.latencyP95Milliseconds),
                          .optional(level.latencyP99Milliseconds), .int(level.saturated ? 1 : 0)])
        }
    }

    public func sweep(id: Int64) throws -> SweepRecord? {
        try locked { try fetchSweeps(whereClause: "WHERE id = ?", values: [.integer(id)]).first }
    }

    public func sweeps() throws -> [SweepRecord] {
        try locked { try fetchSweeps(whereClause: "", values: []) }
    }

    public func deleteSweep(id: Int64) throws {
        try locked { try db.prepare("DELETE FROM sweeps WHERE id = ?").run([.integer(id)]) }
    }

    private func fetchSweeps(whereClause: String, values: [SQLiteValue]) throws -> [SweepRecord] {
        var out: [SweepRecord] = []
        var badLevels: (id: Int64, text: String)?
        try db.prepare("""
            SELECT id, workload, levels_json, calibration_run_id, max_throughput_per_s, slo_p99_ms, created_at
            FROM sweeps \(whereClause) ORDER BY id
            """).query(values) { row in
            let text = row.string(2) ?? "[]"
            guard let levels = try? JSONDecoder().decode([Int].self, from: Data(text.utf8)) else {
                badLevels = (row.int64(0), text)
                return
            }
            out.append(SweepRecord(id: row.int64(0), workload: row.string(1) ?? "", levelsPercent: levels,
                                   calibrationRunID: row.optionalInt64(3), maxThroughputPerSecond: row.optionalDouble(4),
                                   sloP99Milliseconds: row.optionalDouble(5), createdAt: row.string(6) ?? "",
                                   levels: []))
        }
        if let badLevels {
            throw SweepStoreError.unreadableLevels(sweepID: badLevels.id, text: badLevels.text, path: path)
        }
        let levels = try db.prepare("""
            SELECT sweep_id, level_percent, offered_rate_per_s, run_id, achieved_rate_per_s,
              latency_p50_ms, latency_p95_ms, latency_p99_ms, saturated
            FROM sweep_levels WHERE sweep_id = ? ORDER BY level_percent DESC
            """)
        for index in out.indices {
            try levels.query([.integer(out[index].id)]) { row in
                out[index].levels.append(SweepLevelRecord(
                    sweepID: row.int64(0), levelPercent: Int(row.int64(1)), offeredRatePerSecond: row.optionalDouble(2),
                    runID: row.int64(3), achievedRatePerSecond: row.optionalDouble(4),
                    latencyP50Milliseconds: row.optionalDouble(5), latencyP95Milliseconds: row.optionalDouble(6),
                    latencyP99Milliseconds: row.optionalDouble(7), saturated: row.int64(8) != 0))
            }
        }
        return out
    }

    /// Now, ISO 8601 in UTC (a sweep's `created_at`).
    public static func iso8601Now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }
}

/// A stored sweep that cannot be read back.
public enum SweepStoreError: Error, CustomStringConvertible, Equatable {
    case unreadableLevels(sweepID: Int64, text: String, path: String)

    public var description: String {
        switch self {
        case let .unreadableLevels(id, text, path):
            return "\(path): table sweeps, row id \(id), field levels_json: not a JSON list of integers: \(text)"
        }
    }
}
