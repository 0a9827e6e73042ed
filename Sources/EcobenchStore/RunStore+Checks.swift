import EcobenchCheck

extension RunStore {
    /// Stores the pre-flight checks made before the run (migration 3, table `checks`).
    public func insertChecks(runID: Int64, _ checks: [ReportCheck]) throws {
        guard !checks.isEmpty else { return }
        try locked {
            try db.transaction {
                let insert = try db.prepare("""
                    INSERT OR REPLACE INTO checks(run_id, position, name, status, value, threshold, detail, measured)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """)
                for (position, check) in checks.enumerated() {
                    try insert.run([.integer(runID), .int(position), .text(check.name), .text(check.status.rawValue),
                                    .text(check.value), .text(check.threshold), .optional(check.detail),
                                    .optional(check.measured)])
                }
            }
        }
    }

    public func checks(runID: Int64) throws -> [ReportCheck] {
        try locked {
            var out: [ReportCheck] = []
            try db.prepare("""
                SELECT name, status, value, threshold, detail, measured FROM checks WHERE run_id = ? ORDER BY position
                """).query([.integer(runID)]) { row in
                out.append(ReportCheck(name: row.string(0) ?? "", status: CheckStatus(rawValue: row.string(1) ?? "") ?? .warn,
                                       value: row.string(2) ?? "", threshold: row.string(3) ?? "",
                                       detail: row.string(4), measured: row.optionalDouble(5)))
            }
            return out
        }
    }

    /// The value a check measured in the latest earlier run that recorded it (e.g. the last
    /// run's temperature, for the thermal check); nil when none did.
    public func lastMeasured(check name: String) throws -> Double? {
        try locked {
            var value: Double?
            try db.prepare("""
                SELECT measured FROM checks WHERE name = ? AND measured IS NOT NULL ORDER BY run_id DESC LIMIT 1
                """).query([.text(name)]) { value = $0.optionalDouble(0) }
            return value
        }
    }
}

extension ReportCheck {
    /// The checks stored with a run, in the order they were made (empty for runs made before
    /// checks existed).
    package static func load(store: RunStore, runID: Int64) throws -> [ReportCheck] {
        try store.checks(runID: runID)
    }
}
