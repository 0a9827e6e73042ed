extension RunStore {
    /// After a crash, a phase may be closed in `phases` while the samples of its last second
    /// were still in the writer's buffer (flushed about once a second): such a phase has no
    /// sample at its end and cannot be measured. Reopens (`end_ns = NULL`) every phase of the
    /// run that ends after its last stored sample, so a report covers only what was stored.
    /// Returns how many phases were reopened.
    @discardableResult
    public func reopenUnsampledPhases(runID: Int64) throws -> Int {
        try locked {
            // The last sample is in each source's latest chunk (samples are packed per source).
            var lastSample: Int64?
            try db.prepare("""
                SELECT c.t_first_ns, c.n, c.data FROM sample_chunks c JOIN sources s ON s.id = c.source_id
                WHERE s.run_id = ? AND c.t_first_ns = (SELECT max(t_first_ns) FROM sample_chunks WHERE source_id = c.source_id)
                """).query([.integer(runID)]) { row in
                    try decode(row) { t, _ in lastSample = max(lastSample ?? t, t) }
                }
            let update = try db.prepare("""
                UPDATE phases SET end_ns = NULL, functional_units = NULL
                WHERE run_id = ? AND end_ns IS NOT NULL AND end_ns > ?
                """)
            try update.run([.integer(runID), .integer(lastSample ?? Int64.min)])
            return Int(db.changes)
        }
    }
}
