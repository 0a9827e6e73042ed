/// The data dictionary shipped with every exported dataset: each table's columns, unit, meaning.
package enum DatasetDictionary {
    package struct Entry {
        package var table: String
        package var column: String
        package var unit: String
        package var description: String
    }

    package static let textColumns: Set<String> = [
        "workload", "workload_file", "functional_unit", "status", "started_at", "ended_at", "host_fingerprint", "hostname",
        "node_energy_kind", "node_energy_method", "idle_policy", "fingerprint", "cpu_model", "kernel", "os", "name", "kind",
        "unit", "semantics", "scope", "path", "energy_role", "model", "used_for_node_energy", "phase", "application",
        "energy_kind", "source",
    ]

    package static let entries: [Entry] = [
        .init(table: "runs", column: "run_id", unit: "", description: "run id in the ecobench database"),
        .init(table: "runs", column: "workload", unit: "", description: "workload name (Workloads/<name>.yaml)"),
        .init(table: "runs", column: "workload_file", unit: "", description: "workload file as given to ecobench run"),
        .init(table: "runs", column: "functional_unit", unit: "", description: "what one unit of work is"),
        .init(table: "runs", column: "status", unit: "", description: "completed, failed or interrupted"),
        .init(table: "runs", column: "started_at", unit: "RFC 3339 UTC", description: "wall-clock start"),
        .init(table: "runs", column: "ended_at", unit: "RFC 3339 UTC", description: "wall-clock end"),
        .init(table: "runs", column: "clock_start_unix_ns", unit: "ns since 1970", description: "origin of every t_s and start_s"),
        .init(table: "runs", column: "host_fingerprint", unit: "", description: "SHA-256 of the hardware description (hosts.fingerprint)"),
        .init(table: "runs", column: "hostname", unit: "", description: "host name"),
        .init(table: "runs", column: "node_energy_kind", unit: "", description: "measured or estimated"),
        .init(table: "runs", column: "node_energy_method", unit: "", description: "which channels make up node energy"),
        .init(table: "runs", column: "idle_policy", unit: "", description: "none, reserved or proportional"),
        .init(table: "runs", column: "repetitions_completed", unit: "count", description: "repetitions whose cooldown ended"),
        .init(table: "runs", column: "node_energy_j", unit: "J", description: "node energy over all phases"),
        .init(table: "runs", column: "co2e_g", unit: "g CO2e", description: "node CO2e over all phases (× PUE)"),
        .init(table: "runs", column: "intensity_g_per_kwh", unit: "g CO2e/kWh", description: "grid intensity used"),
        .init(table: "hosts", column: "fingerprint", unit: "", description: "SHA-256 of CPU model, topology, memory (GiB), PCI ids"),
        .init(table: "hosts", column: "cpu_model", unit: "", description: "from /proc/cpuinfo"),
        .init(table: "hosts", column: "logical_cpus", unit: "count", description: "online logical CPUs"),
        .init(table: "hosts", column: "sockets", unit: "count", description: "CPU sockets"),
        .init(table: "hosts", column: "memory_bytes", unit: "B", description: "MemTotal"),
        .init(table: "sources", column: "name", unit: "", description: "channel name"),
        .init(table: "sources", column: "kind", unit: "", description: "measured (sensor at path) or estimated (model)"),
        .init(table: "sources", column: "unit", unit: "", description: "unit of the channel's values: J, s, B, count, Cel, rpm"),
        .init(table: "sources", column: "semantics", unit: "", description: "counter (cumulative) or gauge (level)"),
        .init(table: "sources", column: "relative_uncertainty", unit: "fraction", description: "stated relative uncertainty"),
        .init(table: "phases", column: "energy_j", unit: "J", description: "node energy in the phase"),
        .init(table: "phases", column: "workload_energy_j", unit: "J", description: "energy attributed to the workload"),
        .init(table: "phases", column: "unattributed_energy_j", unit: "J", description: "energy_j − workload_energy_j"),
        .init(table: "phases", column: "workload_cpu_share", unit: "fraction", description: "workload CPU s / busy CPU s"),
        .init(table: "phases", column: "co2e_g", unit: "g CO2e", description: "node CO2e of the phase (× PUE)"),
        .init(table: "applications", column: "energy_per_unit_j", unit: "J per functional unit",
              description: "workload energy in the load phase over the units it produced"),
        .init(table: "applications", column: "co2e_per_unit_g", unit: "g CO2e per functional unit", description: "the same in CO2e"),
        .init(table: "samples", column: "t_s", unit: "s", description: "time since clock_start_unix_ns"),
        .init(table: "samples", column: "value", unit: "sources.unit", description: "the channel's value; empty/null = gap"),
    ]
}
