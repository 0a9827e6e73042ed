/// Ticks of the sampler waiting to be written: one timestamp and one value per channel each.
public struct SampleBatch: Sendable {
    public var sourceIDs: [Int64]
    /// Nanoseconds of the monotonic clock since the run's start, one per tick.
    public var timesNanoseconds: [Int64] = []
    /// Row-major: tick i's value for channel j is `values[i * sourceIDs.count + j]`; NaN is a gap.
    public var values: [Double] = []

    public init(sourceIDs: [Int64]) { self.sourceIDs = sourceIDs }

    public var tickCount: Int { timesNanoseconds.count }
    public var isEmpty: Bool { timesNanoseconds.isEmpty }

    public mutating func append(timeNanoseconds: Int64, values row: UnsafeBufferPointer<Double>) {
        timesNanoseconds.append(timeNanoseconds)
        values.append(contentsOf: row)
    }

    public mutating func removeAll() {
        timesNanoseconds.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}

extension RunStore {
    public func registerSources(runID: Int64, _ descriptors: [SourceDescriptor]) throws -> [Int64] {
        try locked {
            try db.transaction {
                let insert = try db.prepare("""
                    INSERT INTO sources(run_id, name, kind, unit, semantics, scope, path, energy_role, model,
                      relative_uncertainty) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                var ids: [Int64] = []
                for d in descriptors {
                    try insert.run([.integer(runID), .text(d.name), .text(d.kind.rawValue), .text(d.unit),
                                    .text(d.semantics.rawValue), .text(d.scope.rawValue), .text(d.path),
                                    .optional(d.energyRole?.rawValue), .optional(d.model),
                                    .optional(d.relativeUncertainty)])
                    ids.append(db.lastInsertRowID)
                }
                return ids
            }
        }
    }

    public func sources(runID: Int64) throws -> [StoredSource] {
        try locked {
            let stmt = try db.prepare("""
                SELECT id, name, kind, unit, semantics, scope, path, energy_role, model, relative_uncertainty
                FROM sources WHERE run_id = ? ORDER BY id
                """)
            var out: [StoredSource] = []
            try stmt.query([.integer(runID)]) { row in
                let d = SourceDescriptor(
                    name: row.string(1) ?? "", kind: SourceKind(rawValue: row.string(2) ?? "") ?? .estimated,
                    unit: row.string(3) ?? "", semantics: SampleSemantics(rawValue: row.string(4) ?? "") ?? .gauge,
                    scope: SourceScope(rawValue: row.string(5) ?? "") ?? .node, path: row.string(6) ?? "",
                    energyRole: row.string(7).flatMap(EnergyRole.init(rawValue:)), model: row.string(8),
                    relativeUncertainty: row.optionalDouble(9))
                out.append(StoredSource(id: row.int64(0), descriptor: d))
            }
            return out
        }
    }

    /// Writes a batch of ticks in one transaction (one prepared statement, bind/step/reset).
    public func insert(_ batch: SampleBatch) throws {
        guard !batch.isEmpty else { return }
        try locked {
            try db.transaction {
                let insert = try db.prepare("INSERT OR REPLACE INTO samples(source_id, t_ns, value) VALUES (?, ?, ?)")
                let width = batch.sourceIDs.count
                for tick in 0..<batch.tickCount {
                    let t = batch.timesNanoseconds[tick]
                    for channel in 0..<width {
                        let value = batch.values[tick * width + channel]
                        insert.reset()
                        insert.bind(1, batch.sourceIDs[channel])
                        insert.bind(2, t)
                        if value.isNaN { insert.bindNull(3) } else { insert.bind(3, value) }
                        try insert.step()
                    }
                }
            }
        }
    }

    /// The nearest non-gap samples at or before and at or after `t` (either may be nil).
    public func bracketingSamples(sourceID: Int64, at t: Int64)
        throws -> (before: (t: Int64, value: Double)?, after: (t: Int64, value: Double)?) {
        try locked {
            var before: (Int64, Double)?
            var after: (Int64, Double)?
            try db.prepare("""
                SELECT t_ns, value FROM samples WHERE source_id = ? AND t_ns <= ? AND value IS NOT NULL
                ORDER BY t_ns DESC LIMIT 1
                """).query([.integer(sourceID), .integer(t)]) { before = ($0.int64(0), $0.double(1)) }
            try db.prepare("""
                SELECT t_ns, value FROM samples WHERE source_id = ? AND t_ns >= ? AND value IS NOT NULL
                ORDER BY t_ns ASC LIMIT 1
                """).query([.integer(sourceID), .integer(t)]) { after = ($0.int64(0), $0.double(1)) }
            return (before, after)
        }
    }

    /// Streams the samples of one source between two times (inclusive), oldest first; NaN for gaps.
    public func forEachSample(sourceID: Int64, from start: Int64 = .min, to end: Int64 = .max,
                              _ body: (Int64, Double) throws -> Void) throws {
        try locked {
            try db.prepare("SELECT t_ns, value FROM samples WHERE source_id = ? AND t_ns BETWEEN ? AND ? ORDER BY t_ns")
                .query([.integer(sourceID), .integer(start), .integer(end)]) { row in
                    try body(row.int64(0), row.optionalDouble(1) ?? .nan)
                }
        }
    }

    public func sampleCount(runID: Int64) throws -> Int64 {
        try locked {
            var count: Int64 = 0
            try db.prepare("SELECT count(*) FROM samples WHERE source_id IN (SELECT id FROM sources WHERE run_id = ?)")
                .query([.integer(runID)]) { count = $0.int64(0) }
            return count
        }
    }
}
