import EcobenchCore
import EcobenchTestSupport
import Foundation

/// Agents on loopback ports for the multi-node tests, each over its own fixture sysfs root
/// whose RAPL counter (`package-0`) advances at a known power, and a tiny workload.
final class MultiNodeHarness {
    let directory: TemporaryDirectory
    var fixtures: [RAPLFixtureWriter] = []
    var agents: [ChildProcess] = []
    var ports: [Int] = []

    init() throws { directory = try TemporaryDirectory() }

    /// Stops agents (SIGKILL: test-runner threads block SIGTERM) and fixture writers.
    func tearDown() {
        for agent in agents where agent.isRunning { kill(agent.processIdentifier, SIGKILL) }
        for agent in agents { agent.waitUntilExit() }
        for fixture in fixtures { fixture.stop() }
        directory.remove()
    }

    /// Starts an agent over a new fixture root at `watts`; returns its base URL once it serves.
    /// `clock` ("offset_seconds,drift_ppm") makes the agent's clock off (`AgentClockSkew`).
    func startAgent(_ name: String, watts: Double, token: String? = nil, host: String = "127.0.0.1",
                    clock: String? = nil) throws -> String {
        let fixture = try RAPLFixtureWriter(root: directory.path + "/sys-" + name, watts: watts)
        fixture.start(periodSeconds: 0.005)
        fixtures.append(fixture)
        let port = try AgentHarness.freePort()
        ports.append(port)
        var environment: [String: String] = [:]
        if let token { environment["ECOBENCH_AGENT_TOKEN"] = token }
        if let clock { environment[AgentClockSkew.environmentVariable] = clock }
        let running = try CLI.start(["agent", "--sysfs-root", fixture.root, "--no-hwmon", "--no-nvml",
                                     "--listen", "\(host):\(port)", "--buffer", directory.path + "/buffer-\(name).db",
                                     "--interval", "50"], environment: environment)
        agents.append(running.process)
        let url = "http://\(host):\(port)"
        guard AgentHarness.waitUntilServing(url + "/clock", token: token, seconds: 30) else {
            throw AgentHarness.HarnessError("agent \(name) on \(url) did not serve within 30 s")
        }
        return url
    }

    /// A workload of short phases whose load is a sleep (one repetition unless told).
    func workload(baseline: Double = 1, idle: Double = 0.5, load: Double = 1.5, cooldown: Double = 0.5,
                  repetitions: Int = 1) throws -> String {
        let path = directory.path + "/multinode.yaml"
        try """
            name: multinode
            description: several agents over fixture roots
            functional_unit: run
            load:
              argv: [sleep, "{load_s}"]
              functional_units:
                count: 1
            phases: {baseline_s: \(baseline), idle_s: \(idle), load_s: \(load), cooldown_s: \(cooldown)}
            repetitions: \(repetitions)
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `ecobench run` arguments with a local fixture root (measured local energy, 5 W).
    func runArguments(_ workload: String, agents: [String: String]) throws -> [String] {
        let local = try RAPLFixtureWriter(root: directory.path + "/sys-local", watts: 5)
        local.start()
        fixtures.append(local)
        var arguments = ["run", workload, "--db", directory.path + "/e.db", "--out", directory.path + "/out",
                         "--sysfs-root", local.root, "--no-hwmon", "--no-nvml", "--no-checks", "--quiet",
                         "--interval", "50"]
        for (name, url) in agents.sorted(by: { $0.key < $1.key }) { arguments += ["--agent", "\(name)=\(url)"] }
        return arguments
    }

    func report(run id: Int = 1) throws -> Report {
        let path = directory.path + "/out/run-\(id)/report.json"
        return try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
