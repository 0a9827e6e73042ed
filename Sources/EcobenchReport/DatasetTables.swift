/// The rows of an exported dataset, one table per kind of record.
package struct DatasetTables {
    package var runs: [[String]] = []
    package var hosts: [String: [String]] = [:]
    package var sources: [[String]] = []
    package var phases: [[String]] = []
    package var applications: [[String]] = []

    package static let runHeader = ["run_id", "workload", "workload_file", "functional_unit", "status", "started_at", "ended_at",
                            "clock_start_unix_ns", "host_fingerprint", "hostname", "node_energy_kind", "node_energy_method",
                            "idle_policy", "repetitions_completed", "node_energy_j", "co2e_g", "intensity_g_per_kwh"]
    package static let hostHeader = ["fingerprint", "hostname", "cpu_model", "logical_cpus", "sockets", "memory_bytes", "kernel", "os"]
    package static let sourceHeader = ["run_id", "name", "kind", "unit", "semantics", "scope", "path", "energy_role", "model",
                               "relative_uncertainty", "used_for_node_energy"]

    package mutating func add(_ r: Report) {
        func n(_ v: Double?) -> String { v.map { String($0) } ?? "" }
        let fingerprint = r.host.fingerprint ?? ""
        runs.append([String(r.run.id), r.run.workload, r.run.workloadFile, r.run.functionalUnit, r.run.status.rawValue,
                     r.run.startedAt, r.run.endedAt ?? "", String(r.run.clockStartUnixNs), fingerprint, r.host.hostname,
                     r.nodeEnergy.kind.rawValue, r.nodeEnergy.method, r.run.idlePolicy.rawValue,
                     String(r.run.repetitionsCompleted), n(r.totals.nodeEnergyJ), n(r.totals.co2eG),
                     n(r.carbon.intensityGPerKwh)])
        hosts[fingerprint + "|" + r.host.hostname] = [fingerprint, r.host.hostname, r.host.cpuModel, String(r.host.logicalCpus),
                                                      r.host.sockets.map(String.init) ?? "", String(r.host.memoryBytes),
                                                      r.host.kernel, r.host.os]
        for s in r.sources {
            sources.append([String(r.run.id), s.name, s.kind.rawValue, s.unit, s.semantics.rawValue, s.scope.rawValue, s.path,
                            s.energyRole?.rawValue ?? "", s.model ?? "", n(s.relativeUncertainty),
                            s.usedForNodeEnergy ? "true" : "false"])
        }
        phases += CSVWriter.phaseRows(r)
        applications += CSVWriter.applicationRows(r)
    }

    package var all: [(String, [String], [[String]])] {
        [("runs", Self.runHeader, runs), ("hosts", Self.hostHeader, hosts.keys.sorted().compactMap { hosts[$0] }),
         ("sources", Self.sourceHeader, sources),
         ("phases", CSVWriter.phaseColumns, phases),
         ("applications", CSVWriter.applicationColumns, applications)]
    }
}
