import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// One truth scenario: Tests/tools/power_script.py drives a RAPL fixture tree with a scripted
/// P(t) and logs the true energy; the same tree is read by a local run (`--sysfs-root`), by an
/// agent given with `--agent`, and by a second agent on 127.0.0.2 that a real Prometheus scrapes
/// (`--prometheus-url`), all in one run, so every path sees the same power over the same phases.
final class TruthHarness {
    let directory: TemporaryDirectory
    let root: String
    let logPath: String
    /// Created by the load command while it runs (`step` and `--reset-at-flag` follow it).
    let flagPath: String
    private var processes: [ChildProcess] = []
    private var prometheus: PrometheusServer?

    /// The local run's and the agents' sampling interval (ms).
    static let intervalMilliseconds = 50

    /// Starts the writer: `profile` as power_script.py takes it (`constant:20`, `burst:5:25:1`);
    /// `{flag}` in it or in `options` is replaced by `flagPath`.
    init(profile: String, options: [String] = []) throws {
        directory = try TemporaryDirectory("ecobench-truth")
        root = directory.path + "/sys"
        logPath = directory.path + "/truth.log"
        flagPath = directory.path + "/load.flag"
        let writer = try ProjectPython.process(
            [CLI.packageRoot + "/Tests/tools/power_script.py", root, logPath,
             profile.replacingOccurrences(of: "{flag}", with: flagPath)]
                + options.map { $0.replacingOccurrences(of: "{flag}", with: flagPath) })
        try writer.run()
        processes.append(writer)
        var waited = 0
        while !FileManager.default.fileExists(atPath: root + "/class/powercap/intel-rapl:0/energy_uj") && waited < 200 {
            usleep(50_000)
            waited += 1
        }
    }

    /// Stops the writer, agents and Prometheus (SIGKILL: the test runner's threads block SIGTERM).
    func tearDown() {
        prometheus?.stop()
        for process in processes where process.isRunning { kill(process.processIdentifier, SIGKILL) }
        for process in processes { process.waitUntilExit() }
        directory.remove()
    }

    /// An agent over the scenario's tree on `host`; its base URL once it serves.
    func startAgent(_ name: String, host: String) throws -> String {
        let port = try AgentHarness.freePort()
        let running = try CLI.start(["agent", "--sysfs-root", root, "--no-hwmon", "--no-nvml",
                                     "--listen", "\(host):\(port)", "--buffer", directory.path + "/buffer-\(name).db",
                                     "--interval", String(Self.intervalMilliseconds)])
        processes.append(running.process)
        let url = "http://\(host):\(port)"
        guard AgentHarness.waitUntilServing(url + "/clock", token: nil, seconds: 30) else {
            throw AgentHarness.HarnessError("agent \(name) on \(url) did not serve within 30 s")
        }
        return url
    }

    /// A real Prometheus scraping `url` every second, once it scrapes it.
    func startPrometheus(scraping url: String) throws -> String {
        let server = try PrometheusServer(directory: URL(fileURLWithPath: directory.path),
                                          jobs: [("ecobench-agent", [url.replacingOccurrences(of: "http://", with: "")])])
        prometheus = server
        try #require(server.waitForTargets(1, seconds: 30), "Prometheus does not scrape the agent")
        usleep(1_500_000)  // a scrape or two before the run
        return server.url
    }

    /// Runs the workload (phases in s, one repetition; the load creates `flagPath` while it runs)
    /// with the local run on the tree, `--agent a=agentURL` and `--prometheus-url`; the report.
    func run(phases: PhaseDurations, agentURL: String?, prometheusURL: String?) throws -> Report {
        let workload = directory.path + "/truth.yaml"
        let load = "touch \(flagPath); sleep \(phases.loadS); rm -f \(flagPath)"
        try """
            name: truth
            description: a scripted power source read through every path
            functional_unit: run
            load:
              argv: [sh, -c, "\(load)"]
              functional_units:
                count: 1
            phases: {baseline_s: \(phases.baselineS), idle_s: \(phases.idleS), load_s: \(phases.loadS), cooldown_s: \(phases.cooldownS)}
            repetitions: 1
            """.write(toFile: workload, atomically: true, encoding: .utf8)
        var arguments = ["run", workload, "--db", directory.path + "/e.db", "--out", directory.path + "/out",
                         "--sysfs-root", root, "--no-hwmon", "--no-nvml", "--no-checks", "--quiet",
                         "--interval", String(Self.intervalMilliseconds)]
        if let agentURL { arguments += ["--agent", "a=\(agentURL)"] }
        if let prometheusURL { arguments += ["--prometheus-url", prometheusURL, "--prometheus-settle", "10"] }
        let result = try CLI.run(arguments)
        try #require(result.status == 0, "ecobench run failed: \(result.stderr)")
        let path = directory.path + "/out/run-1/report.json"
        let validation = try CLI.validateReport(path)
        #expect(validation.status == 0, "\(validation.stdout)")
        return try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// The writer's log, read after the run (the writer keeps going: the run's windows are inside it).
    func truth() throws -> TruthLog { try TruthLog(path: logPath) }
}
