extension CSVWriter {
    package static let consumerColumns = [
        "run_id", "consumer", "role", "energy_j", "dynamic_energy_j", "idle_energy_j", "cpu_seconds",
        "io_read_bytes", "io_write_bytes", "mean_rss_bytes", "max_rss_bytes", "energy_per_unit_j", "energy_kind",
    ]

    /// One row per service measured apart and the load generator (`consumers.csv`); nil when none.
    public static func consumers(_ report: Report) -> String? {
        guard let consumers = report.consumers else { return nil }
        return table(consumerColumns, consumers.map { c in
            [String(report.run.id), c.name, c.role.rawValue, number(c.energyJ), number(c.dynamicEnergyJ),
             number(c.idleEnergyJ), number(c.cpuSeconds), number(c.ioReadBytes), number(c.ioWriteBytes),
             number(c.meanRssBytes), number(c.maxRssBytes), number(c.energyPerUnitJ), report.nodeEnergy.kind.rawValue]
        })
    }
}
