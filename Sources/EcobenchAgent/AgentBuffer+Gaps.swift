import Foundation
import EcobenchStore
import EcobenchCluster

/// The buffer's causes of unreadable readings: one row of `agent_gaps` per channel and stretch of
/// unreadable ticks with one cause (the sampler's `ChannelCauseLog` entries, on the ticks' unix
/// time), written in the transaction of the ticks they explain, so `/samples` never shows a
/// stored null whose cause is not stored yet. A stretch is stored when it opens (`to_unix_ns`
/// NULL) and updated when it ends. Bounded: at most `maxGaps` rows, the oldest deleted first.
extension AgentBuffer {
    /// Rows `agent_gaps` keeps at most (as many as the sampler's own cause log holds).
    package static let maxGaps = 10_000

    /// Inserts or updates (by source and start) the given stretches, then drops the oldest
    /// beyond `maxGaps`. Call with the lock held, inside a transaction.
    package func storeGapsLocked(_ gaps: [AgentWire.Gap]) throws {
        guard !gaps.isEmpty else { return }
        let upsert = try db.prepare("""
            INSERT INTO agent_gaps(source, from_unix_ns, to_unix_ns, reason) VALUES (?, ?, ?, ?)
            ON CONFLICT(source, from_unix_ns) DO UPDATE SET to_unix_ns = excluded.to_unix_ns, reason = excluded.reason
            """)
        for gap in gaps {
            try upsert.run([.text(gap.source), .integer(gap.fromUnixNanoseconds), .optional(gap.toUnixNanoseconds),
                            .text(gap.reason)])
        }
        try db.prepare("DELETE FROM agent_gaps WHERE id <= (SELECT MAX(id) FROM agent_gaps) - ?")
            .run([.int(Self.maxGaps)])
    }

    /// The stretches overlapping `from…to` (both inclusive; an open one reaches to the end),
    /// oldest first. Call with the lock held.
    package func gapsLocked(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64) throws -> [AgentWire.Gap] {
        var out: [AgentWire.Gap] = []
        try db.prepare("""
            SELECT source, from_unix_ns, to_unix_ns, reason FROM agent_gaps
              WHERE from_unix_ns <= ? AND (to_unix_ns IS NULL OR to_unix_ns >= ?) ORDER BY from_unix_ns, id
            """).query([.integer(to), .integer(from)]) { row in
            out.append(AgentWire.Gap(source: row.string(0) ?? "", fromUnixNanoseconds: row.int64(1),
                                     toUnixNanoseconds: row.optionalInt64(2), reason: row.string(3) ?? ""))
        }
        return out
    }

    /// Every stored stretch overlapping `from…to`, oldest first.
    package func gaps(fromUnixNanoseconds from: Int64 = .min, toUnixNanoseconds to: Int64 = .max) throws -> [AgentWire.Gap] {
        try lock.withLock { try gapsLocked(fromUnixNanoseconds: from, toUnixNanoseconds: to) }
    }

    /// Ends the stretches a previous run of the agent left open (it stopped, or was killed, while
    /// they lasted) at `unixNanoseconds`, this start: they explain none of this run's readings.
    package func endOpenGaps(atUnixNanoseconds unixNanoseconds: Int64) throws {
        try lock.withLock {
            try db.prepare("UPDATE agent_gaps SET to_unix_ns = max(from_unix_ns, ?) WHERE to_unix_ns IS NULL")
                .run([.integer(unixNanoseconds)])
        }
    }
}
