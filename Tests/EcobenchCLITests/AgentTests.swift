import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench agent`: two agents over fixture RAPL zones the test drives, their endpoints, the
/// bearer token, a restart on the same buffer, and a real Prometheus scraping both.
@Suite(.serialized) struct AgentTests {
    static let intervalSeconds = 0.1
    /// Slack for "within one sampling interval": the interval, the buffer commit (one interval),
    /// the fixture writer's step and scheduling on a loaded 2-core VM.
    static let lagSeconds = 0.1 + 0.1 + 0.05 + 0.35

    @Test func twoAgentsServeMetricsSamplesAndPrometheusScrapesThem() throws {
        try Exclusive.run { try twoAgents() }
    }

    func twoAgents() throws {
        let harness = try AgentHarness()
        let token = "agent-token-\(UUID().uuidString)"
        let tokenFile = harness.directory.appendingPathComponent("token").path
        try (token + "\n").write(toFile: tokenFile, atomically: false, encoding: .utf8)
        let rates = [10.0, 20.0]  // W
        let starts: [Int64] = [5_000_000, 7_000_000]  // µJ
        let zones = try (0..<2).map { try harness.raplFixture("sys\($0)", energyMicrojoules: starts[$0]) }
        let ports = try (0..<2).map { _ in try AgentHarness.freePort() }
        let buffers = (0..<2).map { harness.directory.appendingPathComponent("buffer\($0).db").path }
        func agentArguments(_ i: Int) -> [String] {
            ["agent", "--sysfs-root", zones[i].root, "--no-hwmon", "--no-nvml", "--listen", "127.0.0.1:\(ports[i])",
             "--buffer", buffers[i], "--interval", "100", "--buffer-max-samples", i == 0 ? "100000" : "30"]
        }
        var processes: [ChildProcess] = []
        defer { for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        // Agent 0 reads the token from a file, agent 1 from the environment.
        processes.append(try CLI.start(agentArguments(0) + ["--token-file", tokenFile]).process)
        processes.append(try CLI.start(agentArguments(1), environment: ["ECOBENCH_AGENT_TOKEN": token]).process)
        let base = ports.map { "http://127.0.0.1:\($0)" }
        for url in base {
            #expect(AgentHarness.waitUntilServing(url + "/clock", token: token, seconds: 20), "\(url) not serving")
        }

        // The fixture counters move from now on: raw = start + rate · elapsed.
        let writerStart = Date()
        let writer = Thread {
            while !Thread.current.isCancelled {
                let elapsed = Date().timeIntervalSince(writerStart)
                for i in 0..<2 {
                    try? AgentHarness.writeEnergy(zones[i].energyPath,
                                                  microjoules: starts[i] + Int64(rates[i] * elapsed * 1e6))
                }
                usleep(50_000)
            }
        }
        writer.start()
        defer { writer.cancel() }
        let energyKey = "ecobench_node_energy_joules_total{source=\"rapl.package-0\",kind=\"measured\",role=\"package\"}"

        // Token: 401 without it or with a wrong one, 200 with it; the token is in no body.
        for path in ["/metrics", "/samples", "/clock"] {
            let none = AgentHarness.get(base[0] + path)
            let wrong = AgentHarness.get(base[1] + path, token: "wrong")
            #expect(none.status == 401 && wrong.status == 401, "\(path): \(none.status) \(wrong.status)")
            #expect(!none.body.contains(token) && !wrong.body.contains(token))
        }

        // /metrics parses, and the energy counter follows the fixture within one sampling interval.
        usleep(1_500_000)
        for i in 0..<2 {
            let before = Date().timeIntervalSince(writerStart)
            let response = AgentHarness.get(base[i] + "/metrics", token: token)
            let after = Date().timeIntervalSince(writerStart)
            #expect(response.status == 200)
            #expect(!response.body.contains(token))
            let metrics = try AgentHarness.parseMetrics(response.body)
            let energy = try #require(metrics[energyKey], "no energy counter in\n\(response.body)")
            #expect(energy <= rates[i] * after + 1e-6, "agent \(i): \(energy) J ahead of the fixture")
            #expect(energy >= rates[i] * (before - AgentTests.lagSeconds), "agent \(i): \(energy) J lags > 1 interval")
            #expect((metrics["ecobench_node_cpu_seconds_total{mode=\"busy\"}"] ?? -1) >= 0)
            #expect(metrics["ecobench_agent_info{version=\"\(EcobenchVersion.current)\"}"] == 1)
            #expect(metrics["ecobench_buffer_samples"] ?? 0 > 0)
            #expect(metrics["ecobench_buffer_dropped_samples_total"] != nil)
            print("agent \(i): \(energy) J; fixture between \(rates[i] * before) and \(rates[i] * after) J")
        }

        // /samples: rows inside the requested range, the energy column never decreasing.
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        let (from, to) = (now - 1_500_000_000, now - 500_000_000)
        let samples = AgentHarness.get(base[0] + "/samples?from=\(from)&to=\(to)", token: token)
        #expect(samples.status == 200)
        let range = try AgentHarness.SamplesAnswer(samples.body)
        let column = try #require(range.sources.firstIndex(of: "rapl.package-0"))
        #expect(range.rows.count >= 5, "\(range.rows.count) rows in 1 s at 100 ms")
        #expect(range.rows.allSatisfy { from <= $0.time && $0.time <= to })
        let energies = range.rows.compactMap { $0.values[column] }
        #expect(energies == energies.sorted() && energies.count == range.rows.count)
        #expect(abs(range.clockUnixNanoseconds - now) < 5_000_000_000)
        let clock = AgentHarness.get(base[0] + "/clock", token: token)
        #expect(clock.body.contains("\"unix_ns\":") && clock.body.contains("\"monotonic_ns\":"))

        try PrometheusCheck.run(harness: harness, targets: ports, tokenFile: tokenFile, token: token,
                                      energyKey: energyKey, rates: rates)

        // The bounded buffer (30 samples) dropped its oldest and says so.
        let bounded = try AgentHarness.parseMetrics(AgentHarness.get(base[1] + "/metrics", token: token).body)
        #expect(bounded["ecobench_buffer_samples"] == 30)
        #expect((bounded["ecobench_buffer_dropped_samples_total"] ?? 0) > 0)

        // Restart agent 0 on the same buffer: counters continue, old samples are still there.
        let oldest = try AgentHarness.SamplesAnswer(AgentHarness.get(base[0] + "/samples?from=0&to=\(from)&limit=1",
                                                                   token: token).body).rows.first
        let beforeStop = try AgentHarness.parseMetrics(AgentHarness.get(base[0] + "/metrics", token: token).body)
        AgentTests.stop(processes[0])
        processes.append(try CLI.start(agentArguments(0) + ["--token-file", tokenFile]).process)
        #expect(AgentHarness.waitUntilServing(base[0] + "/clock", token: token, seconds: 20))
        usleep(500_000)
        let afterRestart = try AgentHarness.parseMetrics(AgentHarness.get(base[0] + "/metrics", token: token).body)
        for (key, value) in beforeStop where key.contains("_total") && !key.contains("sampler_cpu") {
            #expect((afterRestart[key] ?? -1) >= value, "\(key) went from \(value) to \(afterRestart[key] ?? -1)")
        }
        let kept = try AgentHarness.SamplesAnswer(AgentHarness.get(base[0] + "/samples?from=0&to=\(from)&limit=1",
                                                                 token: token).body).rows.first
        #expect(oldest != nil && kept?.time == oldest?.time)
        print("restart: energy \(beforeStop[energyKey] ?? -1) J before stop, \(afterRestart[energyKey] ?? -1) J after")
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    /// SIGINT (graceful: last tick flushed), SIGKILL after 5 s if the test runner's signal mask keeps it.
    static func stop(_ process: ChildProcess) {
        kill(process.processIdentifier, SIGINT)
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning && Date() < deadline { usleep(50_000) }
        let graceful = !process.isRunning
        if !graceful { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        print("agent stopped \(graceful ? "on SIGINT" : "with SIGKILL")")
    }
}
