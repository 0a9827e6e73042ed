/// Versioned schema of the ecobench database; `PRAGMA user_version` holds the applied version.
/// A migration is only ever appended, never edited, so old databases upgrade in order.
package enum Migrations {
    package static let all: [String] = [
        // 1: runs, phases, sources, samples, results.
        """
        CREATE TABLE runs(
            id INTEGER PRIMARY KEY,
            workload TEXT NOT NULL,
            workload_file TEXT NOT NULL,
            workload_yaml TEXT NOT NULL,
            functional_unit TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('running','completed','failed','interrupted')),
            started_at TEXT NOT NULL,
            ended_at TEXT,
            clock_start_unix_ns INTEGER NOT NULL,
            interval_ns INTEGER NOT NULL,
            settings_json TEXT NOT NULL,
            host_json TEXT NOT NULL,
            notes_json TEXT NOT NULL DEFAULT '[]',
            error TEXT,
            pid INTEGER NOT NULL,
            ecobench_version TEXT NOT NULL
        );
        CREATE TABLE phases(
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            repetition INTEGER NOT NULL,
            name TEXT NOT NULL CHECK (name IN ('baseline','idle','load','cooldown')),
            start_ns INTEGER NOT NULL,
            end_ns INTEGER,
            functional_units REAL,
            UNIQUE (run_id, repetition, name)
        );
        CREATE TABLE sources(
            id INTEGER PRIMARY KEY,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('measured','estimated')),
            unit TEXT NOT NULL,
            semantics TEXT NOT NULL,
            scope TEXT NOT NULL,
            path TEXT NOT NULL,
            energy_role TEXT,
            model TEXT,
            relative_uncertainty REAL,
            UNIQUE (run_id, name)
        );
        CREATE TABLE samples(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            t_ns INTEGER NOT NULL,
            value REAL,
            PRIMARY KEY (source_id, t_ns)
        ) WITHOUT ROWID;
        CREATE TABLE results(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            repetition INTEGER NOT NULL,
            phase TEXT NOT NULL,
            subject TEXT NOT NULL,
            metric TEXT NOT NULL,
            value REAL NOT NULL,
            PRIMARY KEY (run_id, repetition, phase, subject, metric)
        ) WITHOUT ROWID;
        """,
        // 2: gaps where a polled meter (BMC, ipmitool) did not answer.
        """
        CREATE TABLE gaps(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            start_ns INTEGER NOT NULL,
            end_ns INTEGER,
            reason TEXT NOT NULL
        );
        CREATE INDEX gaps_run ON gaps(run_id);
        """,
        // Pre-flight checks made before each run (issue 7).
        """
        CREATE TABLE checks(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            status TEXT NOT NULL CHECK (status IN ('pass','warn','fail','skipped')),
            value TEXT NOT NULL,
            threshold TEXT NOT NULL,
            detail TEXT,
            measured REAL,
            PRIMARY KEY (run_id, position)
        ) WITHOUT ROWID;
        CREATE INDEX checks_name ON checks(name, run_id);
        """,
        // 4: ecobench's own cost per run (table `overhead`, see RunStore+Overhead.swift), and
        // samples packed per source in chunks of ≤ 64 ticks (SampleChunkCodec), about
        // 12 bytes a sample. A rowid table appends at the right edge (pages stay full); the index
        // finds a source's chunks by time. Rows of the old `samples` table are re-packed by
        // RunStore.convertLegacySamples() when a writable store opens.
        """
        CREATE TABLE sample_chunks(
            source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
            t_first_ns INTEGER NOT NULL,
            n INTEGER NOT NULL,
            data BLOB NOT NULL
        );
        CREATE INDEX sample_chunks_source_time ON sample_chunks(source_id, t_first_ns);
        CREATE TABLE overhead(
            run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            sampler_cpu_seconds REAL NOT NULL,
            writer_cpu_seconds REAL NOT NULL,
            ticks INTEGER NOT NULL,
            peak_rss_bytes INTEGER NOT NULL,
            wall_seconds REAL NOT NULL
        );
        """,
        // 5: what a `--target kubernetes` run recorded about its cluster (ReportKubernetes as JSON).
        """
        CREATE TABLE kubernetes(
            run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
            json TEXT NOT NULL
        );
        """,
        // 6: multi-node runs (issue 6): each agent's clock alignment at the start and end of a
        // run, and each agent node's energy per phase window as pulled from its /samples
        // (RunStore+Cluster.swift). The local host's samples stay in sample_chunks.
        """
        CREATE TABLE node_clocks(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            node TEXT NOT NULL,
            url TEXT NOT NULL,
            moment TEXT NOT NULL CHECK (moment IN ('start','end')),
            offset_ns INTEGER,
            rtt_ns INTEGER,
            rounds INTEGER,
            error TEXT,
            PRIMARY KEY (run_id, node, moment)
        ) WITHOUT ROWID;
        CREATE TABLE node_energy(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            node TEXT NOT NULL,
            repetition INTEGER NOT NULL,
            phase TEXT NOT NULL,
            start_unix_ns INTEGER NOT NULL,
            end_unix_ns INTEGER NOT NULL,
            source TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('measured','estimated')),
            energy_j REAL NOT NULL,
            coverage REAL NOT NULL,
            busy_cpu_s REAL,
            notes_json TEXT NOT NULL DEFAULT '[]',
            PRIMARY KEY (run_id, node, repetition, phase)
        ) WITHOUT ROWID;
        """,
        // A counter's step (J) where the source states it, for the error budget's resolution.
        "ALTER TABLE sources ADD COLUMN resolution_j REAL;",
        // 8: a cluster node's energy per window states its uncertainty (NodeEnergyUncertainty):
        // the window integral's edge and gap figures (standard, J), the clock residual (ms) and
        // the source's stated relative uncertainty; NULL for rows written before.
        """
        ALTER TABLE node_energy ADD COLUMN edge_u_j REAL;
        ALTER TABLE node_energy ADD COLUMN gap_u_j REAL;
        ALTER TABLE node_energy ADD COLUMN clock_residual_ms REAL;
        ALTER TABLE node_energy ADD COLUMN source_relative_u REAL;
        """,
        // 9: where a source's relative uncertainty comes from (a Redfish Sensor's Accuracy), the
        // label of the error budget's meter contribution; NULL for rows written before.
        "ALTER TABLE sources ADD COLUMN uncertainty_basis TEXT;",
        // 10: the load phase's scenario log (RunStore+LoadSteps.swift): each step of `load.steps`
        // (or the single load command, as step 1 named `load`) with its wall-clock start and end
        // (unix ns, the run's clock), planned duration, exit code or signal and how it ended.
        """
        CREATE TABLE load_steps(
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            repetition INTEGER NOT NULL,
            step INTEGER NOT NULL,
            name TEXT NOT NULL,
            start_unix_ns INTEGER NOT NULL,
            end_unix_ns INTEGER NOT NULL,
            planned_duration_s REAL,
            exit_code INTEGER,
            signal INTEGER,
            ended_by TEXT NOT NULL CHECK (ended_by IN ('exited','stopped_at_duration','timed_out','interrupted')),
            PRIMARY KEY (run_id, repetition, step)
        ) WITHOUT ROWID;
        """,
        // 11: load sweeps (issue 15, RunStore+Sweeps.swift): a sweep's calibration and levels;
        // each level is its own run, at an offered rate (NULL = active idle).
        """
        CREATE TABLE sweeps(
            id INTEGER PRIMARY KEY,
            workload TEXT NOT NULL,
            levels_json TEXT NOT NULL,
            calibration_run_id INTEGER REFERENCES runs(id) ON DELETE SET NULL,
            max_throughput_per_s REAL,
            slo_p99_ms REAL,
            created_at TEXT NOT NULL
        );
        CREATE TABLE sweep_levels(
            sweep_id INTEGER NOT NULL REFERENCES sweeps(id) ON DELETE CASCADE,
            level_percent INTEGER NOT NULL CHECK (level_percent >= 0),
            offered_rate_per_s REAL,
            run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
            achieved_rate_per_s REAL,
            latency_p50_ms REAL,
            latency_p95_ms REAL,
            latency_p99_ms REAL,
            saturated INTEGER NOT NULL CHECK (saturated IN (0, 1)),
            PRIMARY KEY (sweep_id, level_percent)
        ) WITHOUT ROWID;
        CREATE INDEX sweep_levels_run ON sweep_levels(run_id);
        """,
    ]

    package static var latestVersion: Int { all.count }

    package static func apply(to db: SQLiteDatabase) throws {
        let stmt = try db.prepare("PRAGMA user_version")
        var current = 0
        try stmt.query { current = Int($0.int64(0)) }
        guard current < all.count else { return }
        for version in (current + 1)...all.count {
            try db.transaction {
                try db.execute(all[version - 1])
                try db.execute("PRAGMA user_version = \(version)")
            }
        }
    }
}
