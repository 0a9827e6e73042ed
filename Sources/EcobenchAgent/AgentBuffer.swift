import Foundation
import EcobenchStore
import EcobenchCluster

/// The node agent's local high-resolution buffer, in its own SQLite file (never the run store).
///
/// Schema (`agent_*` tables): `agent_layouts` (the channel names of a tick, newline-joined; a new
/// layout appears when the agent restarts with other sources), `agent_samples` (one row per tick:
/// unix time in ns, layout, values as comma-separated numbers, `nan` for a gap),
/// `agent_counters` (the last exposed value of every counter, so counters continue across
/// restarts), `agent_meta` (the number of samples dropped because the buffer was full),
/// `agent_pod_scans` (one row per pod cgroup scan, see `AgentBuffer+Pods.swift`) and `agent_gaps`
/// (why channels had no reading, see `AgentBuffer+Gaps.swift`; created in a buffer written by an
/// older agent when a newer one opens it, which leaves the other tables as they are).
///
/// Bounded: after each write, the oldest samples beyond `maxSamples` are deleted and counted.
/// Thread-safe: every call holds the buffer's lock.
public final class AgentBuffer: @unchecked Sendable {
    public let path: String
    public let maxSamples: Int
    package let db: SQLiteDatabase
    package let lock = NSLock()
    private var layoutIDs: [String: Int64] = [:]
    private var layoutNames: [Int64: [String]] = [:]
    private var storedCount: Int = 0
    private var droppedCount: Int64 = 0

    public init(path: String, maxSamples: Int) throws {
        self.path = path
        self.maxSamples = max(1, maxSamples)
        db = try SQLiteDatabase(path: path)
        try db.execute("""
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            CREATE TABLE IF NOT EXISTS agent_layouts(id INTEGER PRIMARY KEY, names TEXT NOT NULL UNIQUE);
            CREATE TABLE IF NOT EXISTS agent_samples(id INTEGER PRIMARY KEY, t_unix_ns INTEGER NOT NULL,
              layout_id INTEGER NOT NULL REFERENCES agent_layouts(id), vals TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS agent_samples_time ON agent_samples(t_unix_ns);
            CREATE TABLE IF NOT EXISTS agent_counters(name TEXT PRIMARY KEY, value REAL NOT NULL);
            CREATE TABLE IF NOT EXISTS agent_meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
            CREATE TABLE IF NOT EXISTS agent_pod_scans(id INTEGER PRIMARY KEY, t_unix_ns INTEGER NOT NULL,
              pods TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS agent_pod_scans_time ON agent_pod_scans(t_unix_ns);
            CREATE TABLE IF NOT EXISTS agent_gaps(id INTEGER PRIMARY KEY, source TEXT NOT NULL,
              from_unix_ns INTEGER NOT NULL, to_unix_ns INTEGER, reason TEXT NOT NULL, UNIQUE(source, from_unix_ns));
            """)
        try db.prepare("SELECT id, names FROM agent_layouts").query { row in
            let names = row.string(1) ?? ""
            layoutIDs[names] = row.int64(0)
            layoutNames[row.int64(0)] = names.split(separator: "\n").map(String.init)
        }
        try db.prepare("SELECT COUNT(*) FROM agent_samples").query { storedCount = Int($0.int64(0)) }
        try db.prepare("SELECT value FROM agent_meta WHERE key = 'dropped_samples'").query { droppedCount = $0.int64(0) }
    }

    /// Samples held now.
    public var sampleCount: Int { lock.withLock { storedCount } }

    /// Samples deleted because the buffer was full, over the buffer file's whole life.
    public var droppedSamples: Int64 { lock.withLock { droppedCount } }

    /// The last value written for every counter channel (empty for a new buffer).
    public func lastCounters() throws -> [String: Double] {
        try lock.withLock {
            var out: [String: Double] = [:]
            try db.prepare("SELECT name, value FROM agent_counters").query { out[$0.string(0) ?? ""] = $0.double(1) }
            return out
        }
    }

    /// Replaces the stored counters whose names start with `prefix` by `counters` (names
    /// absent from it are deleted), in one transaction.
    public func replaceCounters(prefix: String, with counters: [String: Double]) throws {
        try lock.withLock {
            try db.transaction {
                try db.prepare("DELETE FROM agent_counters WHERE substr(name, 1, ?) = ?")
                    .run([.int(prefix.count), .text(prefix)])
                let insert = try db.prepare("INSERT INTO agent_counters(name, value) VALUES (?, ?)")
                for (name, value) in counters where value.isFinite { try insert.run([.text(name), .real(value)]) }
            }
        }
    }

    /// Appends ticks (unix ns, one value per name each, row-major) and the counters' latest
    /// values, then drops the oldest samples beyond the bound, in one transaction.
    public func append(names: [String], timesUnixNanoseconds: [Int64], values: [Double],
                       counters: [String: Double]) throws {
        try append(names: names, timesUnixNanoseconds: timesUnixNanoseconds, values: values, counters: counters, gaps: [])
    }

    /// The same, with the causes of unreadable readings opened or ended since the last append
    /// (`AgentBuffer+Gaps.swift`) in the same transaction.
    package func append(names: [String], timesUnixNanoseconds: [Int64], values: [Double],
                        counters: [String: Double], gaps: [AgentWire.Gap]) throws {
        guard !timesUnixNanoseconds.isEmpty || !counters.isEmpty || !gaps.isEmpty else { return }
        try lock.withLock {
            try db.transaction {
                try storeGapsLocked(gaps)
                let layout = try layoutID(names)
                let insert = try db.prepare("INSERT INTO agent_samples(t_unix_ns, layout_id, vals) VALUES (?, ?, ?)")
                let width = names.count
                for (i, t) in timesUnixNanoseconds.enumerated() {
                    let row = values[(i * width)..<((i + 1) * width)]
                    try insert.run([.integer(t), .integer(layout), .text(row.map { $0.isNaN ? "nan" : "\($0)" }
                        .joined(separator: ","))])
                }
                let upsert = try db.prepare("""
                    INSERT INTO agent_counters(name, value) VALUES (?, ?)
                    ON CONFLICT(name) DO UPDATE SET value = excluded.value
                    """)
                for (name, value) in counters where value.isFinite { try upsert.run([.text(name), .real(value)]) }
                storedCount += timesUnixNanoseconds.count
                let excess = storedCount - maxSamples
                if excess > 0 {
                    try db.prepare("DELETE FROM agent_samples WHERE id IN (SELECT id FROM agent_samples ORDER BY id LIMIT ?)")
                        .run([.int(excess)])
                    storedCount -= excess
                    droppedCount += Int64(excess)
                    try db.prepare("""
                        INSERT INTO agent_meta(key, value) VALUES ('dropped_samples', ?)
                        ON CONFLICT(key) DO UPDATE SET value = excluded.value
                        """).run([.integer(droppedCount)])
                }
            }
        }
    }

    /// Samples with `from <= t_unix_ns <= to`, oldest first, at most `limit` of them.
    public func samples(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64,
                        limit: Int) throws -> AgentSampleRange {
        try lock.withLock {
            var range = AgentSampleRange()
            var columnOf: [String: Int] = [:]
            var rows: [(Int64, Int64, String)] = []
            try db.prepare("""
                SELECT t_unix_ns, layout_id, vals FROM agent_samples WHERE t_unix_ns >= ? AND t_unix_ns <= ?
                ORDER BY t_unix_ns, id LIMIT ?
                """).query([.integer(from), .integer(to), .int(limit + 1)]) { row in
                rows.append((row.int64(0), row.int64(1), row.string(2) ?? ""))
            }
            if rows.count > limit {
                range.truncated = true
                rows.removeLast()
            }
            for (_, layout, _) in rows {
                for name in layoutNames[layout] ?? [] where columnOf[name] == nil {
                    columnOf[name] = range.sources.count
                    range.sources.append(name)
                }
            }
            for (t, layout, text) in rows {
                var values = [Double?](repeating: nil, count: range.sources.count)
                let names = layoutNames[layout] ?? []
                for (index, field) in text.split(separator: ",").enumerated() where index < names.count {
                    if let value = Double(field), value.isFinite, let column = columnOf[names[index]] {
                        values[column] = value
                    }
                }
                range.rows.append(AgentSampleRange.Row(timeUnixNanoseconds: t, values: values))
            }
            range.gaps = try gapsLocked(fromUnixNanoseconds: from, toUnixNanoseconds: to)
            return range
        }
    }

    private func layoutID(_ names: [String]) throws -> Int64 {
        let key = names.joined(separator: "\n")
        if let id = layoutIDs[key] { return id }
        try db.prepare("INSERT INTO agent_layouts(names) VALUES (?)").run([.text(key)])
        let id = db.lastInsertRowID
        layoutIDs[key] = id
        layoutNames[id] = names
        return id
    }
}
