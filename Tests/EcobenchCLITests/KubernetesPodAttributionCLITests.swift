import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --target kubernetes` with per-pod attribution, end to end: two real agents
/// (fixture RAPL zones at 10 W and 20 W, fixture /proc/stat busy at 1.0 and 0.6 CPU s/s, fixture
/// pod cgroups burning fixed CPU rates under the stand-in's pod UIDs) give node energy over
/// `/samples` and pod CPU over `/pods`. Run twice: with the agents alone, and with a real
/// Prometheus scraping their `/metrics` as well (`--prometheus-url`; the agents answer first, so
/// energy and pod CPU still come from them and Prometheus adds nothing twice). The API server is
/// `Tests/tools/k8s_standin.py` (no real one can run here): it places web-00000 and the load
/// Job's pod on node 127.0.0.1 and web-00001 on 127.0.0.2, with fixed UIDs.
@Suite(.serialized) struct KubernetesPodAttributionCLITests {
    static let nodes = ["127.0.0.1", "127.0.0.2"]
    static let watts = [10.0, 20.0]
    static let busyRates = [1.0, 0.6]  // CPU s/s of each node's fixture /proc/stat
    /// Pod name → (UID, node index, CPU s/s).
    static let pods: [String: (uid: String, node: Int, rate: Double)] = [
        "web-00000": ("5e5e5e5e-0000-4000-8000-000000000001", 0, 0.5),
        "web-00001": ("5e5e5e5e-0000-4000-8000-000000000002", 1, 0.3),
        "load-00000": ("5e5e5e5e-0000-4000-8000-000000000003", 0, 0.2),
    ]
    /// How far a value may lag its true time at a window edge (as in PrometheusImportTests:
    /// agent interval, pod scan interval, fixture writer step, scheduling on a loaded VM).
    static let lagSeconds = 0.8

    @Test func podsGetTheirShareOfMeasuredNodeEnergyThroughAgentsAndPrometheus() throws {
        try Exclusive.run { try check(prometheus: true) }
    }

    /// Issue 6: per-pod attribution with agents only, no Prometheus anywhere.
    @Test func podsGetTheirShareOfMeasuredNodeEnergyThroughAgentsAlone() throws {
        try Exclusive.run { try check(prometheus: false) }
    }

    func check(prometheus withPrometheus: Bool) throws {
        let harness = try AgentHarness()
        let dir = harness.directory.path
        let zones = try (0..<2).map { try harness.raplFixture("sys\($0)", energyMicrojoules: 1_000_000) }
        let procStats = try (0..<2).map { i -> String in
            try FileManager.default.createDirectory(atPath: dir + "/proc\(i)", withIntermediateDirectories: true)
            let path = dir + "/proc\(i)/stat"
            try Self.writeProcStat(path, busyTicks: 0, idleTicks: 0)
            return path
        }
        let podFiles = try Self.pods.values.map { pod -> (path: String, rate: Double) in
            let folder = dir + "/cgroup\(pod.node)/kubepods/burstable/pod\(pod.uid)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            FileManager.default.createFile(atPath: folder + "/cpu.stat", contents: nil)
            try PrometheusImportTests.writeCPUStat(folder + "/cpu.stat", usec: 0)
            return (folder + "/cpu.stat", pod.rate)
        }
        for i in 0..<2 { try "cpu io memory\n".write(toFile: dir + "/cgroup\(i)/cgroup.controllers", atomically: false, encoding: .utf8) }

        let ports = try (0..<2).map { _ in try AgentHarness.freePort() }
        var agents: [ChildProcess] = []
        defer { for process in agents where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        for i in 0..<2 {
            agents.append(try CLI.start(["agent", "--sysfs-root", zones[i].root, "--proc-root", dir + "/proc\(i)",
                                         "--no-hwmon", "--no-nvml", "--listen", "\(Self.nodes[i]):\(ports[i])",
                                         "--interval", "100", "--buffer", dir + "/b\(i).db",
                                         "--cgroup-root", dir + "/cgroup\(i)", "--pod-scan-interval", "0.2"]).process)
        }
        let prometheus = withPrometheus ? try PrometheusServer(directory: harness.directory, jobs: [
            ("ecobench-agent", (0..<2).map { "\(Self.nodes[$0]):\(ports[$0])" })]) : nil
        defer { prometheus?.stop() }

        // Fixtures move from now on at their rates (energy, node busy CPU, pod CPU).
        let begin = Date()
        let writer = Thread {
            while !Thread.current.isCancelled {
                let t = Date().timeIntervalSince(begin)
                for i in 0..<2 {
                    try? AgentHarness.writeEnergy(zones[i].energyPath, microjoules: 1_000_000 + Int64(Self.watts[i] * t * 1e6))
                    // USER_HZ 100: busy ticks at the node's rate; the two CPUs' rest is idle.
                    try? Self.writeProcStat(procStats[i], busyTicks: Int64(Self.busyRates[i] * t * 100),
                                            idleTicks: Int64((2 - Self.busyRates[i]) * t * 100))
                }
                for file in podFiles { try? PrometheusImportTests.writeCPUStat(file.path, usec: Int64(file.rate * t * 1e6)) }
                usleep(50_000)
            }
        }
        writer.start()
        defer { writer.cancel() }
        if let prometheus {
            #expect(prometheus.waitForTargets(2, seconds: 30), "Prometheus does not scrape both agents")
        } else {
            for i in 0..<2 {
                let url = "http://\(Self.nodes[i]):\(ports[i])/clock"
                #expect(AgentHarness.waitUntilServing(url, token: nil, seconds: 20), "\(url) not serving")
            }
        }
        usleep(3_000_000)

        let server = try KubernetesStandIn(folder: dir, jobLog: KubernetesWorkloadFixture.jobLog, jobPolls: 40,
                                           nodes: Self.nodes, podUIDs: Self.pods.mapValues(\.uid))
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir, phases: "{baseline_s: 2, idle_s: 2, load_s: 10, cooldown_s: 3}")
        let kubeconfig = try server.writeKubeconfig(user: .token("test-token"))
        let result = try CLI.run(KubernetesWorkloadFixture.runArguments(workload: workload, kubeconfig: kubeconfig, folder: dir)
                                  + ["--agent", "127.0.0.1=http://127.0.0.1:\(ports[0])",
                                     "--agent", "127.0.0.2=http://127.0.0.2:\(ports[1])", "--idle-policy", "proportional"]
                                 + (prometheus.map { ["--prometheus-url", $0.url] } ?? []))
        #expect(result.status == 0, "\(result.stderr)")
        let report = try Self.object(try String(contentsOfFile: dir + "/out/run-1/report.json", encoding: .utf8))
        try checkReport(report)
        let validation = try CLI.validateReport(dir + "/out/run-1/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")

        // `ecobench report` rebuilds the same figures from the database.
        let again = try CLI.run(["report", "1", "--db", dir + "/db.sqlite", "--format", "json"])
        #expect(again.status == 0, "\(again.stderr)")
        let rebuilt = try Self.object(again.stdout)
        let first = (report["kubernetes"] as? [String: Any])?["pods"] as? [[String: Any]] ?? []
        let second = (rebuilt["kubernetes"] as? [String: Any])?["pods"] as? [[String: Any]] ?? []
        #expect(first.count == second.count && !first.isEmpty)
        for (a, b) in zip(first, second) {
            #expect(Self.number(a["attributed_energy_j"]) == Self.number(b["attributed_energy_j"]), "\(a) vs \(b)")
        }
    }

    func checkReport(_ report: [String: Any]) throws {
        let section = try #require(report["kubernetes"] as? [String: Any])
        let phases = try #require(report["phases"] as? [[String: Any]])
        let load = try #require(phases.first { $0["name"] as? String == "load" })
        let t = try #require(Self.number(load["duration_s"]))
        #expect(t > 6, "the load Job ran \(t) s; the tolerances assume several seconds")
        let energy = try #require(section["node_energy"] as? [[String: Any]]).filter { $0["phase"] as? String == "load" }
        #expect(energy.count == 2, "one reading per node, agents first, Prometheus not added: \(energy)")
        let pods = try #require(section["pods"] as? [[String: Any]]).filter { $0["phase"] as? String == "load" }
        #expect(pods.count == 3, "\(pods)")
        var application = 0.0
        for (name, expected) in Self.pods {
            let pod = try #require(pods.first { $0["pod"] as? String == name }, "\(name) in \(pods)")
            let node = Self.nodes[expected.node]
            #expect(pod["uid"] as? String == expected.uid && pod["node"] as? String == node)
            #expect(pod["role"] as? String == (name.hasPrefix("load") ? "load_generator" : "application"))
            // The agents answer first: pod CPU from their /pods, with or without Prometheus.
            #expect((pod["source"] as? String)?.hasSuffix("/pods (pod cgroup)") == true, "\(pod)")
            let nodeEnergy = try #require(energy.first { $0["node"] as? String == node }.flatMap { Self.number($0["energy_j"]) })
            // Node energy against the fixture: rate × T, within one edge lag.
            let watts = Self.watts[expected.node]
            #expect(abs(nodeEnergy - watts * t) <= watts * Self.lagSeconds, "\(node): \(nodeEnergy) J vs \(watts * t) J")
            // Share against the fixtures' rates: pod and busy CPU each within one edge lag. The
            // fixture's /proc/stat is as busy in the baseline (nothing deployed) as under load, so
            // the baseline-corrected busy CPU (busy − baseline rate × T ≈ 0, at most 0.4 × busy with
            // a 0.8 s lag on the 2 s baseline) is below the pods' own CPU on either node: the
            // denominator is the pods' sum on the node (a noted clamp, `CPUShareSplit`):
            // node 0: 0.5 / 0.7 and 0.2 / 0.7; node 1: 0.3 / 0.3.
            let podsOnNode = Self.pods.values.filter { $0.node == expected.node }.reduce(0) { $0 + $1.rate }
            let ratio = expected.rate / podsOnNode
            let share = try #require(Self.number(pod["share"]))
            #expect(abs(share - ratio) <= ratio * 2 * Self.lagSeconds / t, "\(name): share \(share) vs \(ratio)")
            // Proportional policy: the pod carries its share of all of its node's energy.
            let attributed = try #require(Self.number(pod["attributed_energy_j"]))
            #expect(abs(attributed - nodeEnergy * share) <= 1e-9 * max(1, nodeEnergy))
            let hand = watts * t * ratio
            #expect(abs(attributed - hand) <= hand * 3 * Self.lagSeconds / t, "\(name): \(attributed) J vs hand \(hand) J")
            print("pod \(name) on \(node): \(attributed) J (hand \(hand) J), share \(share) (fixture \(ratio)), T \(t) s")
            if !name.hasPrefix("load") { application += attributed }
        }
        // Conservation per node and phase; the application is its pods' sum.
        let rows = try #require(section["node_attribution"] as? [[String: Any]])
        #expect(rows.count == 6, "two nodes × idle, load, cooldown: \(rows)")
        for row in rows {
            let e = Self.number(row["energy_j"]) ?? .nan
            let a = Self.number(row["attributed_energy_j"]) ?? .nan
            let u = Self.number(row["unattributed_energy_j"]) ?? .nan
            #expect(abs(a + u - e) <= 1e-9 * max(1, e), "\(row)")
        }
        let workload = try #require(Self.number(load["workload_energy_j"]))
        #expect(abs(workload - application) <= 1e-9 * max(1, application), "\(workload) vs \(application)")
        let totals = try #require(report["totals"] as? [String: Any])
        let node = Self.number(totals["node_energy_j"]) ?? .nan
        let sum = (Self.number(totals["attributed_energy_j"]) ?? .nan) + (Self.number(totals["unattributed_energy_j"]) ?? .nan)
        #expect(abs(sum - node) <= 1e-9 * max(1, node))
    }

    static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any], "\(text.prefix(300))")
    }

    /// Rewrites a fixture /proc/stat in place, fixed width: the aggregate line and one CPU line.
    static func writeProcStat(_ path: String, busyTicks: Int64, idleTicks: Int64) throws {
        if !FileManager.default.fileExists(atPath: path) { FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw AgentHarness.HarnessError("cannot open \(path)") }
        defer { try? handle.close() }
        try handle.seek(toOffset: 0)
        let line = String(format: "%012lld 0 0 %012lld 0 0 0 0 0 0", busyTicks, idleTicks)
        try handle.write(contentsOf: Data("cpu  \(line)\ncpu0 \(line)\n".utf8))
    }
}
