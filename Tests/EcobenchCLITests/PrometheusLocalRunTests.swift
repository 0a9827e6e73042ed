import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --prometheus-url` around a local run: a real Debian Prometheus scrapes two real
/// agents (fixture RAPL roots at 10 W on 127.0.0.1 and 20 W on 127.0.0.2) every second; the run
/// reads each node's energy per phase window from Prometheus after its settle and stores it,
/// and the report's `cluster` section lists the nodes. The agent on 127.0.0.1 is also given with
/// `--agent a=…`: its node is then the agent's, and Prometheus' reading of it is left out.
@Suite(.serialized) struct PrometheusLocalRunTests {
    static let hosts = ["127.0.0.1", "127.0.0.2"]
    static let watts = [10.0, 20.0]
    /// Per phase: 5 % of the fixture's integral, plus the rate times 0.6 s (per edge, a scraped
    /// value lags its scrape time by the agent's 50 ms interval + buffer commit + the fixture
    /// writer's step + scheduling on a loaded 2-core VM; see PrometheusImportTests.lagSeconds).
    static func tolerance(watts: Double, seconds: Double) -> Double { 0.05 * watts * seconds + 0.6 * watts }

    @Test func localRunReadsOtherNodesFromPrometheusPerPhase() throws {
        try Exclusive.run { try localRun() }
    }

    func localRun() throws {
        let harness = try MultiNodeHarness()
        defer { harness.tearDown() }
        let urls = try (0..<2).map { try harness.startAgent("n\($0)", watts: Self.watts[$0], host: Self.hosts[$0]) }
        let targets = urls.map { $0.replacingOccurrences(of: "http://", with: "") }
        let prometheus = try PrometheusServer(directory: URL(fileURLWithPath: harness.directory.path),
                                              jobs: [("ecobench-agent", targets)])
        defer { prometheus.stop() }
        #expect(prometheus.waitForTargets(2, seconds: 30), "Prometheus does not scrape both agents")
        usleep(2_000_000)  // a few scrapes before the run

        let workload = try harness.workload(baseline: 3, idle: 2, load: 3, cooldown: 2)
        let arguments = try harness.runArguments(workload, agents: ["a": urls[0]])
            + ["--prometheus-url", prometheus.url, "--prometheus-settle", "10"]
        let result = try CLI.run(arguments)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let validation = try CLI.validateReport(harness.directory.path + "/out/run-1/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let report = try harness.report()
        let cluster = try #require(report.cluster, "no cluster section")

        // 127.0.0.1 is agent a's host: the agent's readings kept, Prometheus' noted and left out.
        #expect(cluster.nodes.map(\.name).sorted() == ["127.0.0.2", "a"], "\(cluster.nodes.map(\.name))")
        #expect(report.notes.contains { $0.hasPrefix("prometheus node 127.0.0.1 is agent a's node") }, "\(report.notes)")
        let agentNode = try #require(cluster.nodes.first { $0.name == "a" })
        #expect(agentNode.source.hasPrefix("agent "), "\(agentNode.source)")
        let node = try #require(cluster.nodes.first { $0.name == "127.0.0.2" })
        #expect(node.source.hasPrefix("prometheus \(prometheus.url) agent") && node.source.contains("rapl.package-0"),
                "\(node.source)")
        #expect(node.kind == .measured && node.url == prometheus.url)
        // Same host: Prometheus' clock is the controller's, within a few ms, measured at both ends.
        #expect(abs(node.clockOffsetMs ?? 1e9) < 50 && node.clockOffsetEndMs != nil, "\(node.clockOffsetMs ?? .nan)")
        #expect(node.phases.count == 4)
        for (reading, watts) in [(node, Self.watts[1]), (agentNode, Self.watts[0])] {
            for phase in reading.phases {
                let expected = watts * phase.durationS
                print("\(reading.name) \(phase.name): \(phase.energyJ) J, fixture \(expected) J, coverage \(phase.coverage)")
                #expect(abs(phase.energyJ - expected) <= Self.tolerance(watts: watts, seconds: phase.durationS),
                        "\(reading.name) \(phase.name): \(phase.energyJ) J, fixture \(expected) J")
                #expect(phase.coverage > 0.99, "\(reading.name) \(phase.name) coverage \(phase.coverage)")
                #expect(abs(phase.attributedEnergyJ + phase.unattributedEnergyJ - phase.energyJ) < 1e-9)
            }
        }
        // Busy CPU from the agent's ecobench_node_cpu_seconds_total through Prometheus.
        #expect(node.phases.allSatisfy { ($0.busyCpuSeconds ?? -1) >= 0 })
        // Conservation: per node, per phase over nodes, and the totals.
        for n in cluster.nodes {
            #expect(abs(n.phases.reduce(0) { $0 + $1.energyJ } - n.energyJ) < 1e-9)
            #expect(abs(n.attributedEnergyJ + n.unattributedEnergyJ - n.energyJ) < 1e-9)
        }
        let sum = cluster.nodes.reduce(0) { $0 + $1.energyJ }
        #expect(abs(cluster.totals.energyJ - sum) < 1e-9 && cluster.totals.nodes == 2)
        #expect(abs(cluster.phases.reduce(0) { $0 + $1.energyJ } - sum) < 1e-9)
        #expect(abs(cluster.totals.attributedEnergyJ + cluster.totals.unattributedEnergyJ - cluster.totals.energyJ) < 1e-9)
        #expect(cluster.notes.contains(ClusterReportBuilder.prometheusClockNote))

        // `ecobench report` rebuilds it from the database alone: Prometheus and the agents stopped.
        prometheus.stop()
        for agent in harness.agents { kill(agent.processIdentifier, SIGKILL) }
        let again = try CLI.run(["report", "1", "--db", harness.directory.path + "/e.db"])
        #expect(again.status == 0, "\(again.stderr)")
        let regenerated = try ReportCoding.decoder().decode(Report.self, from: Data(again.stdout.utf8))
        #expect(regenerated.cluster == cluster)
    }

    @Test func prometheusUnreachableBeforeTheRunStopsIt() throws {
        let harness = try MultiNodeHarness()
        defer { harness.tearDown() }
        let port = try AgentHarness.freePort()
        let arguments = try harness.runArguments(try harness.workload(), agents: [:])
        let result = try CLI.run(arguments + ["--prometheus-url", "http://127.0.0.1:\(port)"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Prometheus http://127.0.0.1:\(port): unreachable"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: harness.directory.path + "/out/run-1"))
        let settle = try CLI.run(arguments + ["--prometheus-settle", "5"])
        #expect(settle.status != 0 && settle.stderr.contains("--prometheus-settle needs --prometheus-url"))
    }
}
