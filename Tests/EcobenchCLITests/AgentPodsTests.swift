import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Per-pod CPU through the agents alone: a real `ecobench agent` over a fixture cgroup tree
/// (cgroup v2, cgroupfs driver) whose pods' `cpu.stat` the test moves at known rates stores its
/// pod scans and serves them on `/pods`; `AgentPodCPUSource` over real agents on loopback gives
/// each pod's CPU seconds in a window from them. Pod A runs throughout at 0.5 CPU s/s; pod B
/// starts 3 s in at 0.25 CPU s/s and its cgroup is removed 7 s in. A second agent runs with
/// `--cgroup-root none`: its `/pods` answers 404 and the source notes it.
@Suite(.serialized) struct AgentPodsTests {
    static let podA = (uid: "a0a0a0a0-0000-4000-8000-00000000000a", rate: 0.5)
    static let podB = (uid: "b0b0b0b0-0000-4000-8000-00000000000b", rate: 0.25, start: 3.0, end: 7.0)
    static let busyRate = 1.0  // CPU s/s of the fixture /proc/stat
    static let nodeWatts = 20.0  // the fixture RAPL package's power
    static let scanIntervalSeconds = 0.5
    /// How far a scanned value may lag its time stamp: the fixture writer's step (50 ms), the
    /// agent's commit and scheduling on a loaded 2-core VM. Between two scans a linear counter
    /// interpolates exactly, so the scan interval adds error only where pod B starts or ends.
    static let lagSeconds = 0.4

    @Test func agentStoresPodScansAndTheSourceGivesPodCPUPerWindow() throws {
        try Exclusive.run { try check() }
    }

    func check() throws {
        let harness = try AgentHarness()
        let dir = harness.directory.path
        let zone = try harness.raplFixture("sys", energyMicrojoules: 1_000_000)
        try FileManager.default.createDirectory(atPath: dir + "/proc", withIntermediateDirectories: true)
        try KubernetesPodAttributionCLITests.writeProcStat(dir + "/proc/stat", busyTicks: 0, idleTicks: 0)
        let cgroup = dir + "/cgroup"
        let folderA = cgroup + "/kubepods/burstable/pod\(Self.podA.uid)"
        let folderB = cgroup + "/kubepods/besteffort/pod\(Self.podB.uid)"
        try FileManager.default.createDirectory(atPath: folderA, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: cgroup + "/kubepods/besteffort", withIntermediateDirectories: true)
        try "cpu io memory\n".write(toFile: cgroup + "/cgroup.controllers", atomically: false, encoding: .utf8)
        try Self.writeCPUStat(folderA, seconds: 0)

        let ports = try (0..<2).map { _ in try AgentHarness.freePort() }
        var agents: [ChildProcess] = []
        defer { for process in agents where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        for i in 0..<2 {
            agents.append(try CLI.start(["agent", "--sysfs-root", zone.root, "--proc-root", dir + "/proc", "--no-hwmon",
                                         "--no-nvml", "--listen", "127.0.0.1:\(ports[i])", "--interval", "100",
                                         "--buffer", dir + "/b\(i).db", "--cgroup-root", i == 0 ? cgroup : "none",
                                         "--pod-scan-interval", "\(Self.scanIntervalSeconds)"]).process)
        }
        let base = ports.map { "http://127.0.0.1:\($0)" }
        for url in base { #expect(AgentHarness.waitUntilServing(url + "/clock", token: nil, seconds: 20), "\(url)") }

        // The fixtures move from now on: pod A from 0, pod B between its start and end, busy CPU.
        let begin = Date()
        let writer = Thread {
            var removed = false
            while !Thread.current.isCancelled {
                let t = Date().timeIntervalSince(begin)
                try? Self.writeCPUStat(folderA, seconds: Self.podA.rate * t)
                if t >= Self.podB.start && t < Self.podB.end {
                    try? FileManager.default.createDirectory(atPath: folderB, withIntermediateDirectories: true)
                    try? Self.writeCPUStat(folderB, seconds: Self.podB.rate * (t - Self.podB.start))
                } else if t >= Self.podB.end && !removed {
                    try? FileManager.default.removeItem(atPath: folderB)
                    removed = true
                }
                try? AgentHarness.writeEnergy(zone.energyPath, microjoules: 1_000_000 + Int64(Self.nodeWatts * t * 1e6))
                try? KubernetesPodAttributionCLITests.writeProcStat(
                    dir + "/proc/stat", busyTicks: Int64(Self.busyRate * t * 100), idleTicks: Int64((2 - Self.busyRate) * t * 100))
                usleep(50_000)
            }
        }
        writer.start()
        defer { writer.cancel() }
        usleep(10_000_000)

        // (a) /pods: both pods, their QoS classes, one row per scan (fewer than the ticks),
        // A's counter never falling and following the fixture, B absent before and after its life.
        let answer = AgentHarness.get(base[0] + "/pods")
        #expect(answer.status == 200, "\(answer.body)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])
        let pods = try #require(object["pods"] as? [String])
        let qos = try #require(object["qos"] as? [String])
        let rows = try #require(object["rows"] as? [[Any]])
        let a = try #require(pods.firstIndex(of: Self.podA.uid), "\(pods)")
        let b = try #require(pods.firstIndex(of: Self.podB.uid), "\(pods)")
        #expect(qos[a] == "burstable" && qos[b] == "besteffort")
        #expect((object["scan_interval_ns"] as? NSNumber)?.int64Value == 500_000_000)
        let samples = try AgentHarness.SamplesAnswer(AgentHarness.get(base[0] + "/samples").body)
        #expect(rows.count >= 10 && rows.count * 2 < samples.rows.count, "\(rows.count) scans, \(samples.rows.count) ticks")
        let beginNs = Int64(begin.timeIntervalSince1970 * 1e9)
        var previousA = -1.0
        for row in rows {
            let t = Double(((row[0] as? NSNumber)?.int64Value ?? 0) - beginNs) / 1e9
            let valueA = (row[a + 1] as? NSNumber)?.doubleValue
            if let valueA {
                #expect(valueA >= previousA, "pod A's counter fell: \(valueA) after \(previousA)")
                previousA = valueA
                if t > 0.5 {
                    #expect(abs(valueA - Self.podA.rate * t) <= Self.podA.rate * Self.lagSeconds, "A at \(t) s: \(valueA)")
                }
            }
            let valueB = (row[b + 1] as? NSNumber)?.doubleValue
            if t < Self.podB.start - 0.2 || t > Self.podB.end + Self.lagSeconds {
                #expect(valueB == nil, "pod B at \(t) s: \(String(describing: valueB))")
            }
        }
        #expect(AgentHarness.get(base[1] + "/pods").status == 404)

        // (b) AgentPodCPUSource over both agents: window 1 holds B's start, window 2 its end.
        var notes: [String] = []
        let connected = try AgentNodeEnergySource.connect(
            [AgentEndpoint(name: "node-a", url: base[0]), AgentEndpoint(name: "node-none", url: base[1])], notes: &notes)
        let source = AgentPodCPUSource(energy: connected)
        func window(_ from: Double, _ to: Double) -> ClusterWindow {
            ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: beginNs + Int64(from * 1e9),
                          endUnixNanoseconds: beginNs + Int64(to * 1e9))
        }
        let edge = Self.lagSeconds * 2
        for (from, to) in [(1.5, 5.5), (6.0, 9.0)] {
            let answer = try source.podCPUReadings(in: window(from, to))
            #expect(answer.notes.count == 1 && answer.notes[0].contains("node-none") && answer.notes[0].contains("404"),
                    "\(answer.notes)")
            let readingA = try #require(answer.readings.first { $0.podUID == Self.podA.uid })
            #expect(readingA.node == "node-a" && readingA.source.contains("/pods"))
            let handA = Self.podA.rate * (to - from)
            #expect(abs(readingA.cpuSeconds - handA) <= Self.podA.rate * edge, "A in [\(from), \(to)]: \(readingA.cpuSeconds) vs \(handA)")
            let lifeB = max(0, min(to, Self.podB.end) - max(from, Self.podB.start))
            let handB = Self.podB.rate * lifeB
            let readingB = try #require(answer.readings.first { $0.podUID == Self.podB.uid })
            // B's start or end lies in the window: one scan interval of B's use may be missed there.
            #expect(abs(readingB.cpuSeconds - handB) <= Self.podB.rate * (edge + Self.scanIntervalSeconds),
                    "B in [\(from), \(to)]: \(readingB.cpuSeconds) vs \(handB)")
            print("pods in [\(from), \(to)] s: A \(readingA.cpuSeconds) s (hand \(handA)), B \(readingB.cpuSeconds) s (hand \(handB))")
            let busy = try source.nodeBusyCPUSeconds(in: window(from, to))
            for node in ["node-a", "node-none"] {
                let seconds = try #require(busy[node], "\(busy)")
                #expect(abs(seconds - Self.busyRate * (to - from)) <= Self.busyRate * edge, "\(node): \(seconds)")
            }
        }
        // An agent alone that serves no pods: the source throws and names it.
        let lonely = AgentPodCPUSource(energy: AgentNodeEnergySource(nodes: [connected.nodes[1]]))
        #expect(throws: AgentClientError.self) { try lonely.podCPU(in: window(1.5, 5.5)) }

        // (c) /metrics: the node's energy shared by CPU time at each scan. Pod A used 0.5 of the
        // 1.0 busy CPU-s/s throughout, so it carries half of what was split (a little more of
        // what is still shown, since B's share is gone with B); the rest is unattributed.
        let secondsSinceBegin = Date().timeIntervalSince(begin)
        let metrics = AgentHarness.get(base[0] + "/metrics")
        #expect(metrics.status == 200)
        func value(_ prefix: String) -> Double? {
            metrics.body.split(separator: "\n").first { $0.hasPrefix(prefix) }
                .flatMap { $0.split(separator: " ").last.flatMap { Double($0) } }
        }
        let energyA = try #require(value("ecobench_pod_energy_joules_total{pod_uid=\"\(Self.podA.uid)\""), "\(metrics.body)")
        // Pod B is gone (its cgroup was removed 7 s in): its series is no longer exposed.
        #expect(value("ecobench_pod_energy_joules_total{pod_uid=\"\(Self.podB.uid)\"") == nil)
        let rest = try #require(value("ecobench_pod_unattributed_energy_joules_total{"))
        let split = energyA + rest  // + B's share while it ran (≈ 20 W × 0.25 × 4 s), no longer shown
        #expect(split > Self.nodeWatts * 4 && split <= Self.nodeWatts * secondsSinceBegin, "\(split) J split over \(secondsSinceBegin) s")
        #expect(abs(energyA / split - Self.podA.rate / Self.busyRate) <= 0.08, "A \(energyA) of \(split) J")
        #expect(metrics.body.contains("basis=\"cpu+dram: rapl.package-0\""), "\(metrics.body)")
        // The split's clamp counters are exposed for both reasons (scans are not atomic, so a
        // clamp may or may not have happened here).
        #expect(value("ecobench_pod_energy_split_clamped_intervals_total{reason=\"consumers_above_busy\"}") != nil,
                "\(metrics.body)")
        #expect(value("ecobench_pod_energy_split_clamped_intervals_total{reason=\"no_busy_cpu\"}") != nil)
    }

    /// Writes a pod's cpu.stat by rename, so the agent never reads a half-written file.
    static func writeCPUStat(_ folder: String, seconds: Double) throws {
        try String(format: "usage_usec %lld\nuser_usec 0\nsystem_usec 0\n", Int64(seconds * 1e6))
            .write(toFile: folder + "/cpu.stat", atomically: true, encoding: .utf8)
    }
}
