import Foundation

/// The buffer's pod cgroup scans: one row of `agent_pod_scans` per scan (unix time in ns and
/// every pod found, one `uid qos cpu_seconds` line each), so a changing set of pods never adds
/// a tick layout. Scans are kept as long as the tick samples they sit among: each new scan
/// deletes the scans older than the oldest buffered tick, and at most `maxSamples` scans stay.
extension AgentBuffer {
    /// Stores one scan (an empty one too: it says no pod was found at that time).
    public func appendPodScan(timeUnixNanoseconds: Int64, pods: [PodCgroupCPU]) throws {
        let text = pods.filter { $0.cpuSeconds.isFinite }
            .map { "\($0.podUID) \($0.qos) \($0.cpuSeconds)" }.joined(separator: "\n")
        try lock.withLock {
            try db.transaction {
                try db.prepare("INSERT INTO agent_pod_scans(t_unix_ns, pods) VALUES (?, ?)")
                    .run([.integer(timeUnixNanoseconds), .text(text)])
                try db.prepare("""
                    DELETE FROM agent_pod_scans WHERE t_unix_ns < (SELECT MIN(t_unix_ns) FROM agent_samples)
                      OR id <= (SELECT MAX(id) FROM agent_pod_scans) - ?
                    """).run([.int(maxSamples)])
            }
        }
    }

    /// Scans held now.
    public func podScanCount() throws -> Int {
        try lock.withLock {
            var count = 0
            try db.prepare("SELECT COUNT(*) FROM agent_pod_scans").query { count = Int($0.int64(0)) }
            return count
        }
    }

    /// The unix time (ns) of the newest scan, nil before the first.
    public func lastPodScanUnixNanoseconds() throws -> Int64? {
        try lock.withLock {
            var last: Int64?
            try db.prepare("SELECT MAX(t_unix_ns) FROM agent_pod_scans").query { last = $0.optionalInt64(0) }
            return last
        }
    }

    /// Scans with `from <= t_unix_ns <= to`, oldest first, at most `limit` of them; one column
    /// per pod seen in any of them (null where a scan did not find that pod).
    public func podScans(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64,
                         limit: Int) throws -> AgentPodScanRange {
        try lock.withLock {
            var scans: [(Int64, String)] = []
            try db.prepare("""
                SELECT t_unix_ns, pods FROM agent_pod_scans WHERE t_unix_ns >= ? AND t_unix_ns <= ?
                ORDER BY t_unix_ns, id LIMIT ?
                """).query([.integer(from), .integer(to), .int(limit + 1)]) { row in
                scans.append((row.int64(0), row.string(1) ?? ""))
            }
            var range = AgentPodScanRange()
            if scans.count > limit {
                range.truncated = true
                scans.removeLast()
            }
            var columnOf: [String: Int] = [:]
            var parsed: [(Int64, [(Int, Double)])] = []
            for (t, text) in scans {
                var cells: [(Int, Double)] = []
                for line in text.split(separator: "\n") {
                    let fields = line.split(separator: " ")
                    guard fields.count == 3, let seconds = Double(fields[2]), seconds.isFinite else { continue }
                    let uid = String(fields[0])
                    let column: Int
                    if let known = columnOf[uid] { column = known } else {
                        column = range.pods.count
                        columnOf[uid] = column
                        range.pods.append(uid)
                        range.qos.append(String(fields[1]))
                    }
                    cells.append((column, seconds))
                }
                parsed.append((t, cells))
            }
            for (t, cells) in parsed {
                var values = [Double?](repeating: nil, count: range.pods.count)
                for (column, seconds) in cells { values[column] = seconds }
                range.rows.append(AgentSampleRange.Row(timeUnixNanoseconds: t, values: values))
            }
            return range
        }
    }
}
