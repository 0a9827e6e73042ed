extension RunStore {
    /// The schema version the database holds (`PRAGMA user_version`) and the one this ecobench writes.
    /// A store opened read-only is not migrated: a reader that needs the current tables checks these.
    package func schemaVersion() throws -> (stored: Int, current: Int) {
        try locked {
            var stored = 0
            try db.prepare("PRAGMA user_version").query { stored = Int($0.int64(0)) }
            return (stored, Migrations.latestVersion)
        }
    }
}
