import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Issue 12: every gap names its cause, through a real Prometheus (the Debian `prometheus`,
/// scraping every second with a 900 ms timeout) scraping a stand-in exporter
/// (`Tests/tools/metrics_file_server.py`) that serves a node-exporter RAPL counter at 10 W:
/// A. the exporter is stopped for 5 s and started again: a gap, "scrape failed (up == 0)";
/// B. it answers for 5 s without the series: a gap, "the exporter answered without this series";
/// C. it is stopped until the end: the window's tail has no samples, and since the target still
///    fails, the cause quotes its lastError (connection refused on its port).
/// The expected cause texts are written by hand from the rule in Reports/README.md ("Gap causes
/// on the Prometheus path", "Unreadable readings").
@Suite(.serialized) struct PrometheusGapCauseTests {
    static let watts = 10.0
    static let series = "node_rapl_package_joules_total"

    @Test func gapsThroughARealPrometheusNameTheirCause() throws {
        try Exclusive.run { try check() }
    }

    /// Whether the exporter leaves the series out (set by the test, read by the writer thread).
    final class Flag: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = false
        var value: Bool {
            get { lock.withLock { stored } }
            set { lock.withLock { stored = newValue } }
        }
    }

    func check() throws {
        let harness = try AgentHarness()
        let file = harness.directory.appendingPathComponent("metrics.txt").path
        let absent = Flag()
        let begin = Date()
        @Sendable func write() {
            let joules = 1000 + Self.watts * Date().timeIntervalSince(begin)
            let text = absent.value ? "other_metric 1\n"
                : "\(Self.series){index=\"0\",path=\"/sys/x\"} \(String(format: "%.3f", joules))\nother_metric 1\n"
            try? text.write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
            _ = rename(file + ".tmp", file)
        }
        write()
        let writer = Thread {
            while !Thread.current.isCancelled {
                write()
                usleep(100_000)
            }
        }
        writer.start()
        defer { writer.cancel() }
        let exporter = MetricsFileServer(port: try AgentHarness.freePort(), file: file)
        try exporter.start()
        defer { exporter.stop() }
        let target = "127.0.0.1:\(exporter.port)"
        let prometheus = try PrometheusServer(directory: harness.directory, jobs: [("node", [target])])
        defer { prometheus.stop() }
        #expect(prometheus.waitForTargets(1, seconds: 30), "Prometheus does not scrape the stand-in exporter")
        usleep(3_000_000)

        let a0 = Date().timeIntervalSince1970
        exporter.stop()
        usleep(5_000_000)
        try exporter.start()
        let a1 = Date().timeIntervalSince1970
        usleep(4_000_000)
        let b0 = Date().timeIntervalSince1970
        absent.value = true
        usleep(5_000_000)
        absent.value = false
        let b1 = Date().timeIntervalSince1970
        usleep(4_000_000)
        let c0 = Date().timeIntervalSince1970
        exporter.stop()
        usleep(5_000_000)
        let c1 = Date().timeIntervalSince1970
        usleep(1_500_000)  // the failed scrapes up to c1 are stored

        let client = try PrometheusClient(baseURL: prometheus.url)
        let source = PrometheusNodeEnergySource(client: client, exporters: [.nodeRAPL])
        func notes(_ from: Double, _ to: Double) throws -> [String] {
            let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: Int64(from * 1e9),
                                       endUnixNanoseconds: Int64(to * 1e9))
            let reading = try #require(try source.nodeEnergy(in: window).first { $0.node == "127.0.0.1" })
            print("window \(from - a0) s…\(to - a0) s: \(reading.energyJoules) J, coverage \(reading.coverage): \(reading.notes)")
            return reading.notes
        }
        let selector = "\(Self.series){index=\"0\",instance=\"\(target)\",job=\"node\",path=\"/sys/x\"}"
        let gap = selector + ": 1 gap(s) longer than 3× the median scrape spacing (counter increase across them kept): "

        // A: one gap; the scrapes inside it failed. The target fails again now (C), but this gap is
        // closed (samples follow it): Prometheus' present error is not its, so none is quoted.
        let stopped = try notes(a0 - 2, a1 + 2)
        #expect(stopped.contains { $0.hasPrefix(gap) && $0.hasSuffix(" s: scrape failed (up == 0)") }, "\(stopped)")

        // B: one gap; every scrape inside it succeeded without the series.
        let missing = try notes(b0 - 2, b1 + 2)
        #expect(missing.contains { $0.hasPrefix(gap) && $0.hasSuffix(" s: the exporter answered without this series") },
                "\(missing)")

        // C: no samples from the last scrape before c0 to c1, the target still down: its lastError.
        let down = try notes(c0 - 2, c1)
        let refused = "scrape failed (up == 0): Get \"http://\(target)/metrics\": dial tcp \(target): connect: connection refused"
        #expect(down.contains { $0.hasPrefix(selector + ": no samples in ") && $0.hasSuffix(" of the window: " + refused) },
                "\(down)")

        // A window with none of these: no cause note.
        let quiet = try notes(a1 + 2, b0 - 0.5)
        #expect(!quiet.contains { $0.contains("gap(s)") || $0.contains("no samples in") }, "\(quiet)")
    }

    /// An agent whose RAPL file holds garbage for 0.5 s (5 readings at 100 ms): its energy counter is
    /// flat across them, and through Prometheus the window's note names the cause's category from
    /// `ecobench_agent_unreadable_readings_total{channel, cause}`: `parse error`.
    @Test func anAgentsUnreadableReadingsNameTheirCauseThroughPrometheus() throws {
        try Exclusive.run {
            let harness = try AgentHarness()
            let zone = try harness.raplFixture("sys", energyMicrojoules: 1_000_000)
            let garbage = Flag()
            let begin = Date()
            let writer = Thread {
                while !Thread.current.isCancelled {
                    if garbage.value {
                        if let handle = FileHandle(forWritingAtPath: zone.energyPath) {
                            try? handle.write(contentsOf: Data("garbage-garbage-garb\n".utf8))  // 21 bytes, as a reading
                            try? handle.close()
                        }
                    } else {
                        try? AgentHarness.writeEnergy(zone.energyPath,
                                                      microjoules: 1_000_000 + Int64(Self.watts * Date().timeIntervalSince(begin) * 1e6))
                    }
                    usleep(20_000)
                }
            }
            writer.start()
            defer { writer.cancel() }
            let port = try AgentHarness.freePort()
            let agent = try CLI.start(["agent", "--sysfs-root", zone.root, "--no-hwmon", "--no-nvml",
                                       "--listen", "127.0.0.1:\(port)", "--interval", "100",
                                       "--buffer", harness.directory.appendingPathComponent("b.db").path]).process
            defer { if agent.isRunning { kill(agent.processIdentifier, SIGKILL) } }
            let prometheus = try PrometheusServer(directory: harness.directory, jobs: [("ecobench-agent", ["127.0.0.1:\(port)"])])
            defer { prometheus.stop() }
            #expect(prometheus.waitForTargets(1, seconds: 30), "Prometheus does not scrape the agent")
            usleep(3_000_000)
            let g0 = Date().timeIntervalSince1970
            garbage.value = true
            usleep(500_000)
            garbage.value = false
            let g1 = Date().timeIntervalSince1970
            usleep(4_000_000)

            let metrics = try AgentHarness.parseMetrics(AgentHarness.get("http://127.0.0.1:\(port)/metrics").body)
            let counted = metrics.filter { $0.key.hasPrefix("ecobench_agent_unreadable_readings_total{") }
            print("agent /metrics: \(counted)")
            #expect(counted.contains { $0.key.contains("cause=\"parse_error\"") && $0.value >= 1 }, "\(counted)")
            #expect(counted.filter { !$0.key.contains("cause=\"parse_error\"") }.allSatisfy { $0.value == 0 }, "\(counted)")

            let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: Int64((g0 - 2) * 1e9),
                                       endUnixNanoseconds: Int64((g1 + 2.5) * 1e9))
            let client = try PrometheusClient(baseURL: prometheus.url)
            let reading = try #require(try PrometheusNodeEnergySource(client: client, exporters: [.agent]).nodeEnergy(in: window).first)
            print("agent through Prometheus: \(reading.energyJoules) J, coverage \(reading.coverage): \(reading.notes)")
            #expect(reading.notes.contains {
                $0.hasPrefix("rapl.package-0: ") && $0.hasSuffix(" unreadable reading(s) (parse error): the interval to each counted 0 J")
            }, "\(reading.notes)")
        }
    }
}
