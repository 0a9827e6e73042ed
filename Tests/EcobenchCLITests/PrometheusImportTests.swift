import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The test: a real Prometheus scraping two agents (fixture RAPL zones at 10 W and 20 W,
/// fixture pod cgroups burning 0.5 and 0.25 CPU s/s) and a real node-exporter (a fixture psys
/// zone at 40 W on the first agent's host); the Prometheus import read back and compared to the
/// agents' own `/samples` and to the fixtures' rates.
@Suite(.serialized) struct PrometheusImportTests {
    static let rates = [10.0, 20.0]  // W, agents' package-0
    static let psysWatts = 40.0  // node-exporter's psys on 127.0.0.1
    static let podRates = [0.5, 0.25]  // CPU s/s of pod aaaaaaaa-… on each node
    static let podUID = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"
    /// Per window edge, how far a scraped value may lag its true time: the agent's interval
    /// (100 ms) + buffer commit (100 ms) + the fixture writer's step (50 ms) + scheduling on a
    /// loaded 2-core VM; a window's energy may be off by rate × this (the two edges' lags differ).
    static let lagSeconds = 0.6

    @Test func prometheusImportMatchesAgentsAndFixtures() throws {
        try Exclusive.run { try importCheck() }
    }

    func importCheck() throws {
        let harness = try AgentHarness()
        let hosts = ["127.0.0.1", "127.0.0.2"]
        let zones = try (0..<2).map { try harness.raplFixture("sys\($0)", energyMicrojoules: 1_000_000) }
        let cgroups = try ["v2-systemd", "v2-cgroupfs"].enumerated().map { index, name -> String in
            let copy = harness.directory.appendingPathComponent("cgroup\(index)").path
            try FileManager.default.copyItem(atPath: Fixtures.path("cgroup/\(name)"), toPath: copy)
            return copy
        }
        let podFiles = [cgroups[0] + "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod"
                            + Self.podUID.replacingOccurrences(of: "-", with: "_") + ".slice/cpu.stat",
                        cgroups[1] + "/kubepods/burstable/pod\(Self.podUID)/cpu.stat"]
        let psys = try Self.psysFixture(harness.directory.appendingPathComponent("ne").path)
        let ports = try (0..<3).map { _ in try AgentHarness.freePort() }
        var agents: [ChildProcess] = []
        defer { for process in agents where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        for i in 0..<2 {
            agents.append(try CLI.start(["agent", "--sysfs-root", zones[i].root, "--no-hwmon", "--no-nvml",
                                         "--listen", "\(hosts[i]):\(ports[i])", "--interval", "100",
                                         "--buffer", harness.directory.appendingPathComponent("b\(i).db").path,
                                         "--cgroup-root", cgroups[i], "--pod-scan-interval", "0.2"]).process)
        }
        let prometheus = try PrometheusServer(directory: harness.directory, jobs: [
            ("ecobench-agent", (0..<2).map { "\(hosts[$0]):\(ports[$0])" }), ("node", ["127.0.0.1:\(ports[2])"])])
        defer { prometheus.stop() }
        try prometheus.startNodeExporter(sysfsRoot: psys.root, listen: "127.0.0.1:\(ports[2])")

        // Fixtures move from now on: energy = start + rate · t, pod CPU = start + rate · t.
        let begin = Date()
        let writer = Thread {
            while !Thread.current.isCancelled {
                let t = Date().timeIntervalSince(begin)
                for i in 0..<2 {
                    try? AgentHarness.writeEnergy(zones[i].energyPath, microjoules: 1_000_000 + Int64(Self.rates[i] * t * 1e6))
                    try? Self.writeCPUStat(podFiles[i], usec: 1_000_000 + Int64(Self.podRates[i] * t * 1e6))
                }
                try? AgentHarness.writeEnergy(psys.energyPath, microjoules: 1_000_000 + Int64(Self.psysWatts * t * 1e6))
                usleep(50_000)
            }
        }
        writer.start()
        defer { writer.cancel() }
        #expect(prometheus.waitForTargets(3, seconds: 30), "Prometheus does not scrape all three targets")
        usleep(8_000_000)
        // Millisecond times, as `cluster-energy --from/--to` read them, so the CLI asks for the same window.
        let now = Date().timeIntervalSince1970
        let (start, end) = (Double(String(format: "%.3f", now - 7)) ?? 0, Double(String(format: "%.3f", now - 2)) ?? 0)
        let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: Int64(start * 1e9),
                                   endUnixNanoseconds: Int64(end * 1e9))
        let duration = window.durationSeconds

        // The agents publish their pods in /metrics (c).
        let metrics = try AgentHarness.parseMetrics(AgentHarness.get("http://\(hosts[0]):\(ports[0])/metrics").body)
        #expect(metrics["ecobench_pod_cpu_seconds_total{pod_uid=\"\(Self.podUID)\",qos=\"burstable\"}"] ?? 0 > 1)
        #expect(metrics["ecobench_node_energy_joules_total{source=\"rapl.package-0\",kind=\"measured\",role=\"package\"}"] != nil)

        let client = try PrometheusClient(baseURL: prometheus.url + "/")
        // Agents only: each node's energy against the agent's own /samples and the fixture's rate.
        let agentOnly = try PrometheusNodeEnergySource(client: client, exporters: [.agent]).nodeEnergy(in: window)
        #expect(agentOnly.map(\.node) == hosts)
        for (i, reading) in agentOnly.enumerated() {
            let own = try Self.agentEnergy("http://\(hosts[i]):\(ports[i])", window: window)
            let tolerance = Self.rates[i] * Self.lagSeconds
            print("node \(reading.node): Prometheus \(reading.energyJoules) J, agent /samples \(own) J, fixture "
                  + "\(Self.rates[i] * duration) J over \(duration) s; coverage \(reading.coverage); \(reading.source)")
            #expect(abs(reading.energyJoules - own) <= tolerance, "\(reading.energyJoules) J vs agent \(own) J")
            #expect(abs(reading.energyJoules - Self.rates[i] * duration) <= tolerance)
            #expect(reading.kind == .measured && reading.source.contains("rapl.package-0"))
            #expect(reading.coverage > 0.5)
        }

        // All exporters: node-exporter's psys (platform) outranks the agent's package on 127.0.0.1.
        let all = try PrometheusNodeEnergySource(client: client).nodeEnergy(in: window)
        let first = try #require(all.first { $0.node == hosts[0] })
        print("node \(first.node): \(first.energyJoules) J from \(first.source); notes \(first.notes)")
        #expect(first.source.contains("node-rapl") && first.source.contains("node_rapl_psys_joules_total"))
        #expect(abs(first.energyJoules - Self.psysWatts * duration) <= Self.psysWatts * Self.lagSeconds)
        #expect(first.notes.contains { $0.hasPrefix("also available: agent") })
        #expect(all.first { $0.node == hosts[1] }?.source.contains("agent") == true)

        // Pods: the agents' cgroup counters through Prometheus, against the fixtures' rates.
        let podSource = PrometheusPodCPUSource(client: client)
        let pods = try podSource.podCPU(in: window)
        let busy = try podSource.nodeBusyCPUSeconds(in: window)
        for i in 0..<2 {
            let pod = try #require(pods.first { $0.node == hosts[i] && $0.podUID == Self.podUID }, "\(pods)")
            print("pod on \(hosts[i]): \(pod.cpuSeconds) CPU s, fixture \(Self.podRates[i] * duration); busy \(busy[hosts[i]] ?? -1)")
            #expect(abs(pod.cpuSeconds - Self.podRates[i] * duration) <= Self.podRates[i] * (Self.lagSeconds + 0.2))
            #expect(pod.source.contains("ecobench_pod_cpu_seconds_total"))
            #expect((busy[hosts[i]] ?? 0) > 0)
        }
        #expect(pods.filter { $0.node == hosts[0] }.count == 3, "three readable pods in the systemd fixture")

        // query_range: both agents' counters, step times, never decreasing.
        let range = try client.queryRange("ecobench_node_energy_joules_total", startSeconds: now - 7, endSeconds: now - 2,
                                          stepSeconds: 1)
        #expect(range.count == 2 && range.allSatisfy { $0.points.count == 6 })
        #expect(range.allSatisfy { series in zip(series.points, series.points.dropFirst()).allSatisfy { $0.value <= $1.value } })

        try cliChecks(prometheus: prometheus, window: window, agentOnly: agentOnly)
        for process in agents where process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
