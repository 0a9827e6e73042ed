import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

extension PrometheusImportTests {
    /// `ecobench cluster-energy` against the same Prometheus: JSON, conservation, and errors from
    /// the real server (400 bad_data) and from nothing listening.
    func cliChecks(prometheus: PrometheusServer, window: ClusterWindow, agentOnly: [NodeEnergyReading]) throws {
        let from = String(format: "%.3f", Double(window.startUnixNanoseconds) / 1e9)
        let to = String(format: "%.3f", Double(window.endUnixNanoseconds) / 1e9)
        let idleTo = String(format: "%.3f", Double(window.startUnixNanoseconds) / 1e9 - 0.5)
        let result = try CLI.run(["cluster-energy", "--prometheus-url", prometheus.url, "--prometheus-exporters", "agent",
                                  "--from", from, "--to", to, "--idle-from", String(format: "%.3f", Double(idleTo)! - 2),
                                  "--idle-to", idleTo, "--idle-policy", "proportional", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
                                  "\(result.stdout)")
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        #expect(nodes.count == 2)
        for node in nodes {
            func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }
            let energy = try #require(number(node["energy_joules"]))
            let unattributed = try #require(number(node["unattributed_energy_joules"]))
            let pods = try #require(node["pods"] as? [[String: Any]])
            let podEnergy = pods.reduce(0.0) { $0 + (number($1["dynamic_energy_joules"]) ?? .nan)
                + (number($1["idle_energy_joules"]) ?? .nan) }
            #expect(abs(podEnergy + unattributed - energy) <= 1e-9 * max(1, energy), "\(node)")
            #expect(!pods.isEmpty && number(node["idle_power_watts"]) != nil)
            // Same window, same Prometheus: the command reads what the library read.
            let library = agentOnly.first { $0.node == node["node"] as? String }?.energyJoules ?? -1
            #expect(abs(energy - library) <= 1e-6 * max(1, library), "CLI \(energy) J vs library \(library) J")
        }
        let text = try CLI.run(["cluster-energy", "--prometheus-url", prometheus.url, "--from", from, "--to", to])
        #expect(text.status == 0 && text.stdout.contains("node 127.0.0.2:") && text.stdout.contains("unattributed"))

        // A bad regex reaches Prometheus, which answers 400 bad_data; the command says so and fails.
        let bad = try CLI.run(["cluster-energy", "--prometheus-url", prometheus.url, "--prometheus-hwmon-chip", "(",
                               "--from", from, "--to", to])
        #expect(bad.status != 0 && bad.stderr.contains("HTTP 400") && bad.stderr.contains("bad_data"), "\(bad.stderr)")
        let client = try PrometheusClient(baseURL: prometheus.url)
        #expect(throws: PrometheusError.self) { try client.query("rate(") }
        do { _ = try client.query("rate(") } catch let PrometheusError.httpStatus(_, query, status, errorType, message) {
            #expect(query == "rate(" && status == 400 && errorType == "bad_data" && message?.isEmpty == false)
        }
        let port = try AgentHarness.freePort()
        let down = try CLI.run(["cluster-energy", "--prometheus-url", "http://127.0.0.1:\(port)", "--from", from, "--to", to])
        #expect(down.status != 0 && down.stderr.contains("unreachable"), "\(down.stderr)")
        let invalid = try CLI.run(["cluster-energy", "--prometheus-url", "ftp://x", "--from", from, "--to", to])
        #expect(invalid.status != 0 && invalid.stderr.contains("--prometheus-url"))
    }
}

extension PrometheusImportTests {
    /// A sysfs tree with one RAPL zone `psys` (for node-exporter); its root and energy_uj path.
    static func psysFixture(_ root: String) throws -> (root: String, energyPath: String) {
        let zone = root + "/class/powercap/intel-rapl:1"
        try FileManager.default.createDirectory(atPath: zone, withIntermediateDirectories: true)
        for (file, value) in [("name", "psys"), ("max_energy_range_uj", "262143328850"), ("enabled", "1")] {
            try (value + "\n").write(toFile: zone + "/" + file, atomically: false, encoding: .utf8)
        }
        try "".write(toFile: zone + "/energy_uj", atomically: false, encoding: .utf8)
        return (root, zone + "/energy_uj")
    }

    /// Rewrites a cgroup v2 cpu.stat in place, fixed width.
    static func writeCPUStat(_ path: String, usec: Int64) throws {
        guard let handle = FileHandle(forWritingAtPath: path) else { throw AgentHarness.HarnessError("cannot open \(path)") }
        defer { try? handle.close() }
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data(String(format: "usage_usec %020lld\nuser_usec 0\nsystem_usec 0\n", usec).utf8))
    }

    /// The agent's own energy in the window: its package-0 counter from /samples, interpolated at the edges.
    static func agentEnergy(_ base: String, window: ClusterWindow) throws -> Double {
        let from = window.startUnixNanoseconds - 2_000_000_000, to = window.endUnixNanoseconds + 2_000_000_000
        let answer = try AgentHarness.SamplesAnswer(AgentHarness.get(base + "/samples?from=\(from)&to=\(to)").body)
        let column = try #require(answer.sources.firstIndex(of: "rapl.package-0"))
        let points = answer.rows.compactMap { row in
            row.values[column].map { PrometheusPoint(timeSeconds: Double(row.time) / 1e9, value: $0) }
        }
        return SeriesWindowAmount.counterIncrease(points, fromSeconds: Double(window.startUnixNanoseconds) / 1e9,
                                                  toSeconds: Double(window.endUnixNanoseconds) / 1e9).amount
    }
}
