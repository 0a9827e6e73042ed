import EcobenchModel

extension RunStore {
    public func beginPhase(runID: Int64, repetition: Int, name: PhaseName, startNanoseconds: Int64) throws -> Int64 {
        try locked {
            try db.prepare("INSERT INTO phases(run_id, repetition, name, start_ns) VALUES (?, ?, ?, ?)")
                .run([.integer(runID), .int(repetition), .text(name.rawValue), .integer(startNanoseconds)])
            return db.lastInsertRowID
        }
    }

    public func endPhase(id: Int64, endNanoseconds: Int64, functionalUnits: Double?) throws {
        try locked {
            try db.prepare("UPDATE phases SET end_ns = ?, functional_units = ? WHERE id = ?")
                .run([.integer(endNanoseconds), .optional(functionalUnits), .integer(id)])
        }
    }

    public func phases(runID: Int64) throws -> [PhaseRecord] {
        try locked {
            let stmt = try db.prepare("""
                SELECT id, repetition, name, start_ns, end_ns, functional_units FROM phases
                WHERE run_id = ? ORDER BY repetition, start_ns
                """)
            var out: [PhaseRecord] = []
            try stmt.query([.integer(runID)]) { row in
                guard let name = PhaseName(rawValue: row.string(2) ?? "") else { return }
                out.append(PhaseRecord(id: row.int64(0), repetition: Int(row.int64(1)), name: name,
                                       startNanoseconds: row.int64(3), endNanoseconds: row.optionalInt64(4),
                                       functionalUnits: row.optionalDouble(5)))
            }
            return out
        }
    }

    // MARK: results

    public func replaceResults(runID: Int64, rows: [ResultRow]) throws {
        try locked {
            try db.transaction {
                try db.prepare("DELETE FROM results WHERE run_id = ?").run([.integer(runID)])
                let insert = try db.prepare(
                    "INSERT INTO results(run_id, repetition, phase, subject, metric, value) VALUES (?, ?, ?, ?, ?, ?)")
                for row in rows {
                    try insert.run([.integer(runID), .int(row.repetition), .text(row.phase), .text(row.subject),
                                    .text(row.metric), .real(row.value)])
                }
            }
        }
    }

    public func results(runID: Int64) throws -> [ResultRow] {
        try locked {
            let stmt = try db.prepare(
                "SELECT repetition, phase, subject, metric, value FROM results WHERE run_id = ? ORDER BY 1, 2, 3, 4")
            var out: [ResultRow] = []
            try stmt.query([.integer(runID)]) { row in
                out.append(ResultRow(repetition: Int(row.int64(0)), phase: row.string(1) ?? "",
                                     subject: row.string(2) ?? "", metric: row.string(3) ?? "", value: row.double(4)))
            }
            return out
        }
    }
}
