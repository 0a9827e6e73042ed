import EcobenchCollect

/// Ticks of the sampler waiting to be written: one timestamp and one value per channel each.
extension RunStore {
    public func registerSources(runID: Int64, _ descriptors: [SourceDescriptor]) throws -> [Int64] {
        try locked {
            try db.transaction {
                let insert = try db.prepare("""
                    INSERT INTO sources(run_id, name, kind, unit, semantics, scope, path, energy_role, model,
                      relative_uncertainty, resolution_j, uncertainty_basis) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var ids: [Int64] = []
                for d in descriptors {
                    try insert.run([.integer(runID), .text(d.name), .text(d.kind.rawValue), .text(d.unit),
                                    .text(d.semantics.rawValue), .text(d.scope.rawValue), .text(d.path),
                                    .optional(d.energyRole?.rawValue), .optional(d.model),
                                    .optional(d.relativeUncertainty), .optional(d.resolutionJoules),
                                    .optional(d.uncertaintyBasis)])
                    ids.append(db.lastInsertRowID)
                }
                return ids
            }
        }
    }

    public func sources(runID: Int64) throws -> [StoredSource] {
        try locked {
            let stmt = try db.prepare("""
                SELECT id, name, kind, unit, semantics, scope, path, energy_role, model, relative_uncertainty,
                  resolution_j, uncertainty_basis FROM sources WHERE run_id = ? ORDER BY id
                """)
            var out: [StoredSource] = []
            try stmt.query([.integer(runID)]) { row in
                let d = SourceDescriptor(
                    name: row.string(1) ?? "", kind: SourceKind(rawValue: row.string(2) ?? "") ?? .estimated,
                    unit: row.string(3) ?? "", semantics: SampleSemantics(rawValue: row.string(4) ?? "") ?? .gauge,
                    scope: SourceScope(rawValue: row.string(5) ?? "") ?? .node, path: row.string(6) ?? "",
                    energyRole: row.string(7).flatMap(EnergyRole.init(rawValue:)), model: row.string(8),
                    relativeUncertainty: row.optionalDouble(9), resolutionJoules: row.optionalDouble(10),
                    uncertaintyBasis: row.string(11))
                out.append(StoredSource(id: row.int64(0), descriptor: d))
            }
            return out
        }
    }

    /// Writes a batch of ticks in one transaction: one `sample_chunks` row per source and
    /// ≤ 64 ticks, through one prepared statement kept across flushes (bind/step/reset).
    public func insert(_ batch: SampleBatch) throws {
        guard !batch.isEmpty else { return }
        try locked {
            let statements = try sampleWriter ?? SampleWriterStatements(db)
            sampleWriter = statements
            let insert = statements.insert
            let width = batch.sourceIDs.count
            var chunk: [UInt8] = []
            chunk.reserveCapacity(SampleChunkCodec.maxTicks * 18)
            try statements.transaction {
                try batch.timesNanoseconds.withUnsafeBufferPointer { times in
                    try batch.values.withUnsafeBufferPointer { values in
                        var first = 0
                        while first < times.count {
                            let ticks = first..<min(times.count, first + SampleChunkCodec.maxTicks)
                            for channel in 0..<width {
                                chunk.removeAll(keepingCapacity: true)
                                SampleChunkCodec.encode(times: times, values: values, width: width, channel: channel,
                                                        ticks: ticks, into: &chunk)
                                insert.reset()
                                insert.bind(1, batch.sourceIDs[channel])
                                insert.bind(2, times[ticks.lowerBound])
                                insert.bind(3, Int64(ticks.count))
                                try chunk.withUnsafeBytes { bytes in
                                    insert.bindBlobNoCopy(4, bytes)
                                    try insert.step()
                                }
                            }
                            first = ticks.upperBound
                        }
                    }
                }
            }
            insert.reset()
        }
    }

    /// The nearest non-gap samples at or before and at or after `t` (either may be nil).
    /// Two indexed look-ups: the chunk holding `t`, then neighbouring chunks only while they
    /// hold nothing but gaps.
    public func bracketingSamples(sourceID: Int64, at t: Int64)
        throws -> (before: (t: Int64, value: Double)?, after: (t: Int64, value: Double)?) {
        try locked {
            var before: (t: Int64, value: Double)?
            var after: (t: Int64, value: Double)?
            let backward = try db.prepare("""
                SELECT t_first_ns, n, data FROM sample_chunks WHERE source_id = ? AND t_first_ns <= ?
                ORDER BY t_first_ns DESC
                """)
            try scan(backward, [.integer(sourceID), .integer(t)], until: { before != nil }) { ts, value in
                if ts <= t && !value.isNaN { before = (ts, value) }
            }
            let forward = try db.prepare("""
                SELECT t_first_ns, n, data FROM sample_chunks WHERE source_id = ?1 AND t_first_ns >=
                  coalesce((SELECT max(t_first_ns) FROM sample_chunks WHERE source_id = ?1 AND t_first_ns <= ?2), ?2)
                ORDER BY t_first_ns
                """)
            try scan(forward, [.integer(sourceID), .integer(t)], until: { after != nil }) { ts, value in
                if after == nil && ts >= t && !value.isNaN { after = (ts, value) }
            }
            return (before, after)
        }
    }

    /// Streams the samples of one source between two times (inclusive), oldest first; NaN for gaps.
    public func forEachSample(sourceID: Int64, from start: Int64 = .min, to end: Int64 = .max,
                              _ body: (Int64, Double) throws -> Void) throws {
        try locked {
            try db.prepare("""
                SELECT t_first_ns, n, data FROM sample_chunks WHERE source_id = ?1 AND t_first_ns <= ?3 AND t_first_ns >=
                  coalesce((SELECT max(t_first_ns) FROM sample_chunks WHERE source_id = ?1 AND t_first_ns <= ?2), ?2)
                ORDER BY t_first_ns
                """).query([.integer(sourceID), .integer(start), .integer(end)]) { row in
                try decode(row) { t, value in
                    if t >= start && t <= end { try body(t, value) }
                }
            }
        }
    }

    public func sampleCount(runID: Int64) throws -> Int64 {
        try locked {
            var count: Int64 = 0
            try db.prepare("SELECT total(n) FROM sample_chunks WHERE source_id IN (SELECT id FROM sources WHERE run_id = ?)")
                .query([.integer(runID)]) { count = Int64($0.double(0)) }
            return count
        }
    }

    /// Bytes the sample chunks take in the file (dbstat when SQLite has it, else nil).
    public func sampleBytesOnDisk() -> Int64? {
        locked {
            var bytes: Int64?
            try? db.prepare("""
                SELECT sum(pgsize) FROM dbstat WHERE name IN ('sample_chunks', 'sample_chunks_source_time')
                """).query { bytes = $0.int64(0) }
            return bytes
        }
    }

    /// Decodes chunk after chunk until `done()` holds after one: stops stepping early.
    private func scan(_ stmt: SQLiteStatement, _ values: [SQLiteValue], until done: () -> Bool,
                      _ body: (Int64, Double) throws -> Void) throws {
        stmt.reset()
        stmt.bind(values)
        defer { stmt.reset() }
        while try stmt.step() {
            try decode(stmt, body)
            if done() { return }
        }
    }

    package func decode(_ row: SQLiteStatement, _ body: (Int64, Double) throws -> Void) throws {
        let first = row.int64(0)
        let count = Int(row.int64(1))
        try row.blob(2) { try SampleChunkCodec.decode($0, firstTimeNanoseconds: first, count: count, body) }
    }
}

/// BEGIN, INSERT and COMMIT prepared once: a flush parses no SQL (and SQLite allocates less).
package final class SampleWriterStatements {
    package let insert: SQLiteStatement
    package let begin: SQLiteStatement
    package let commit: SQLiteStatement
    package let rollback: SQLiteStatement

    package init(_ db: SQLiteDatabase) throws {
        insert = try db.prepare("INSERT INTO sample_chunks(source_id, t_first_ns, n, data) VALUES (?, ?, ?, ?)")
        begin = try db.prepare("BEGIN IMMEDIATE")
        commit = try db.prepare("COMMIT")
        rollback = try db.prepare("ROLLBACK")
    }

    package func transaction(_ body: () throws -> Void) throws {
        try begin.run()
        do {
            try body()
            try commit.run()
        } catch {
            try? rollback.run()
            throw error
        }
    }
}

/// Databases written before migration 3 keep one row per sample in `samples`; they are
/// re-packed into `sample_chunks` once, when a writable store opens them.
extension RunStore {
    package func convertLegacySamples() throws {
        var legacy = false
        try db.prepare("SELECT EXISTS(SELECT 1 FROM samples)").query { legacy = $0.int64(0) != 0 }
        guard legacy else { return }
        try db.transaction {
            let read = try db.prepare("SELECT source_id, t_ns, value FROM samples ORDER BY source_id, t_ns")
            let insert = try db.prepare("INSERT INTO sample_chunks(source_id, t_first_ns, n, data) VALUES (?, ?, ?, ?)")
            var source: Int64 = -1
            var times: [Int64] = []
            var values: [Double] = []
            var chunk: [UInt8] = []
            func flush() throws {
                guard !times.isEmpty else { return }
                chunk.removeAll(keepingCapacity: true)
                times.withUnsafeBufferPointer { t in
                    values.withUnsafeBufferPointer { v in
                        SampleChunkCodec.encode(times: t, values: v, width: 1, channel: 0, ticks: 0..<t.count, into: &chunk)
                    }
                }
                insert.reset()
                insert.bind(1, source)
                insert.bind(2, times[0])
                insert.bind(3, Int64(times.count))
                try chunk.withUnsafeBytes { bytes in
                    insert.bindBlobNoCopy(4, bytes)
                    try insert.step()
                }
                insert.reset()
                times.removeAll(keepingCapacity: true)
                values.removeAll(keepingCapacity: true)
            }
            try read.query { row in
                let id = row.int64(0)
                if id != source || times.count == SampleChunkCodec.maxTicks {
                    try flush()
                    source = id
                }
                times.append(row.int64(1))
                values.append(row.optionalDouble(2) ?? .nan)
            }
            try flush()
            try db.execute("DELETE FROM samples")
        }
    }
}

extension RunStore: SampleSink {
    public func write(_ batch: SampleBatch) throws { try insert(batch) }
}
