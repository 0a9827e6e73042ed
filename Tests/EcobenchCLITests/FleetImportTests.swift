import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The fleet benchmark's series (`Benchmarks/fleet/fleet.py generate`, `make bench` section 7),
/// backfilled with the real `promtool` into the real Debian `prometheus`, read back by
/// `ecobench cluster-energy` to the energies and CPU seconds the generator's rates give by hand.
@Suite struct FleetImportTests {
    static let promtool = "/usr/bin/promtool"

    @Test func generatedFleetImportsToHandComputedEnergy() throws {
        try #require(FileManager.default.isExecutableFile(atPath: Self.promtool), "install the Debian package prometheus (promtool)")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-fleet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        // A 10-minute window starting on the hour, 3 to 4 hours ago (inside Prometheus' 15 days).
        let start = (Int(Date().timeIntervalSince1970) / 3600 - 3) * 3600, end = start + 600
        let openMetrics = directory.appendingPathComponent("fleet.om").path
        let generator = try ProjectPython.process([CLI.packageRoot + "/Benchmarks/fleet/fleet.py", "generate", "--nodes", "3",
                                                   "--minutes", "10", "--start", "\(start)", "--out", openMetrics])
        let generated = try CLI.capture(generator)
        #expect(generated.status == 0, "\(generated.stderr)")
        // 3 nodes × (1 energy + 7 unreadable-reading counters + 2 CPUs × 8 modes + 30 pods) = 162 series,
        // each sampled every 30 s from start − 120 s to end + 120 s: 840 s / 30 + 1 = 29 samples.
        #expect(generated.stdout.contains("series=162 samples=4698"), "\(generated.stdout)")
        let backfill = ChildProcess()
        backfill.executableURL = URL(fileURLWithPath: Self.promtool)
        backfill.arguments = ["tsdb", "create-blocks-from", "openmetrics", openMetrics,
                              directory.appendingPathComponent("tsdb-import").path]
        let backfilled = try CLI.capture(backfill)
        try #require(backfilled.status == 0, "\(backfilled.stderr)")

        let prometheus = try PrometheusServer(directory: directory, jobs: [])
        defer { prometheus.stop() }
        var result = try CLI.run(["cluster-energy", "--prometheus-url", prometheus.url, "--from", "\(start)", "--to", "\(end)", "--json"])
        for _ in 0..<120 where result.status != 0 {  // until Prometheus has opened the backfilled blocks
            usleep(250_000)
            result = try CLI.run(["cluster-energy", "--prometheus-url", prometheus.url, "--from", "\(start)", "--to", "\(end)", "--json"])
        }
        try #require(result.status == 0, "\(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }
        // Node i draws 100 + 10 × (i mod 7) W for the 600 s: 60 000, 66 000, 72 000 J.
        #expect(Set(nodes.compactMap { $0["node"] as? String }) == ["node-0000", "node-0001", "node-0002"])
        for (i, expected) in [60_000.0, 66_000, 72_000].enumerated() {
            let node = try #require(nodes.first { $0["node"] as? String == String(format: "node-%04d", i) })
            #expect(abs(number(node["energy_joules"]) - expected) <= 0.01, "\(node["node"] ?? "")")
            // Busy = user 0.40 + nice 0 + system 0.10 + irq 0.01 + softirq 0.02 = 0.53 CPU-s/s per CPU,
            // × 2 CPUs × 600 s = 636 CPU-s.
            #expect(abs(number(node["busy_cpu_seconds"]) - 636) <= 1e-6)
            let pods = try #require(node["pods"] as? [[String: Any]])
            #expect(pods.count == 30)
            // Pod j uses 0.001 × (j + 1) CPU-s/s: 0.6 × (j + 1) CPU-s in 600 s; pod-000i-29: 18 CPU-s.
            let last = pods.first { $0["pod"] as? String == String(format: "pod-%04d-29", i) }
            #expect(abs(number(last?["cpu_seconds"]) - 18) <= 1e-6)
            // Σ_j 0.6 × (j + 1) = 0.6 × 465 = 279 CPU-s of pods on each node.
            #expect(abs(pods.reduce(0) { $0 + number($1["cpu_seconds"]) } - 279) <= 1e-6)
            let attributed = pods.reduce(0) { $0 + number($1["energy_joules"]) }
            #expect(abs(attributed + number(node["unattributed_energy_joules"]) - expected) <= 1e-6 * expected)
        }
    }
}
