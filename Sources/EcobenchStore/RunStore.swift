import Foundation
import EcobenchCollect

/// The ecobench database: runs, phases, sources, samples and results in one SQLite file.
///
/// WAL journal, one transaction per flush; every method is serialised by a lock, so the
/// sample writer and the runner can share one store.
public final class RunStore: @unchecked Sendable {
    public let path: String
    package let db: SQLiteDatabase
    package let lock = NSLock()
    /// The sample writer's prepared statements, reused across flushes (under `lock`).
    package var sampleWriter: SampleWriterStatements?

    /// The database used when neither `--db` nor `ECOBENCH_DB` is given.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["ECOBENCH_DB"], !path.isEmpty { return path }
        return EcobenchPaths.dataDirectory(environment: environment) + "/ecobench.db"
    }

    public init(path: String, readOnly: Bool = false) throws {
        self.path = path
        if !readOnly {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty {
                try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
        }
        db = try SQLiteDatabase(path: path, readOnly: readOnly)
        if !readOnly {
            try db.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;")
            try Migrations.apply(to: db)
            try convertLegacySamples()
        }
    }

    package func locked<T>(_ body: () throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body()
    }

    /// Copies the write-ahead log into the database file and truncates the log to zero bytes
    /// (`PRAGMA wal_checkpoint(TRUNCATE)`): the file's size is then the run's bytes at rest.
    public func checkpointTruncatingWAL() throws {
        try locked { try db.execute("PRAGMA wal_checkpoint(TRUNCATE)") }
    }

    // MARK: runs

    public func createRun(_ run: NewRun) throws -> Int64 {
        try locked {
            let stmt = try db.prepare("""
                INSERT INTO runs(workload, workload_file, workload_yaml, functional_unit, status, started_at,
                  clock_start_unix_ns, interval_ns, settings_json, host_json, pid, ecobench_version)
                VALUES (?, ?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?)
                """)
            try stmt.run([.text(run.workload), .text(run.workloadFile), .text(run.workloadYAML),
                          .text(run.functionalUnit), .text(run.startedAt),
                          .integer(run.clockStartUnixNanoseconds), .integer(run.intervalNanoseconds),
                          .text(run.settingsJSON), .text(run.hostJSON), .integer(Int64(run.pid)),
                          .text(run.ecobenchVersion)])
            return db.lastInsertRowID
        }
    }

    public func finishRun(id: Int64, status: RunStatus, endedAt: String, error: String?) throws {
        try locked {
            try db.prepare("UPDATE runs SET status = ?, ended_at = ?, error = ? WHERE id = ?")
                .run([.text(status.rawValue), .text(endedAt), .optional(error), .integer(id)])
        }
    }

    public func setNotes(runID: Int64, notesJSON: String) throws {
        try locked {
            try db.prepare("UPDATE runs SET notes_json = ? WHERE id = ?").run([.text(notesJSON), .integer(runID)])
        }
    }

    public func deleteRun(id: Int64) throws {
        try locked {
            try db.transaction {
                for table in ["samples", "sample_chunks"] {
                    try db.prepare("DELETE FROM \(table) WHERE source_id IN (SELECT id FROM sources WHERE run_id = ?)")
                        .run([.integer(id)])
                }
                try db.prepare("DELETE FROM runs WHERE id = ?").run([.integer(id)])
            }
        }
    }

    /// Runs still marked `running` whose process is gone were cut off (kill -9, crash, power loss):
    /// mark them `interrupted`. Returns how many were marked.
    @discardableResult
    public func markAbandonedRuns(isAlive: (Int32) -> Bool = RunStore.processIsAlive) throws -> Int {
        let running = try runs().filter { $0.status == .running }
        var marked = 0
        for run in running where !isAlive(run.run.pid) {
            try finishRun(id: run.id, status: .interrupted, endedAt: run.endedAt ?? run.run.startedAt,
                          error: "the ecobench process (pid \(run.run.pid)) ended without closing the run")
            marked += 1
        }
        return marked
    }

    public static func processIsAlive(_ pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    public func runs() throws -> [RunRecord] {
        try locked { try fetchRuns(whereClause: "", values: []) }
    }

    public func run(id: Int64) throws -> RunRecord? {
        try locked { try fetchRuns(whereClause: "WHERE id = ?", values: [.integer(id)]).first }
    }

    private func fetchRuns(whereClause: String, values: [SQLiteValue]) throws -> [RunRecord] {
        let stmt = try db.prepare("""
            SELECT id, workload, workload_file, workload_yaml, functional_unit, status, started_at, ended_at,
              clock_start_unix_ns, interval_ns, settings_json, host_json, notes_json, error, pid, ecobench_version
            FROM runs \(whereClause) ORDER BY id
            """)
        var out: [RunRecord] = []
        try stmt.query(values) { row in
            let run = NewRun(
                workload: row.string(1) ?? "", workloadFile: row.string(2) ?? "", workloadYAML: row.string(3) ?? "",
                functionalUnit: row.string(4) ?? "", startedAt: row.string(6) ?? "",
                clockStartUnixNanoseconds: row.int64(8), intervalNanoseconds: row.int64(9),
                settingsJSON: row.string(10) ?? "{}", hostJSON: row.string(11) ?? "{}",
                pid: Int32(truncatingIfNeeded: row.int64(14)), ecobenchVersion: row.string(15) ?? "")
            out.append(RunRecord(id: row.int64(0), run: run,
                                 status: RunStatus(rawValue: row.string(5) ?? "") ?? .failed,
                                 endedAt: row.string(7), notesJSON: row.string(12) ?? "[]", error: row.string(13)))
        }
        return out
    }
}
