import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Issue 13 end to end, every part real but the Kubernetes API server: a real QEMU guest under TCG
/// (its instance UUID is node A's `spec.providerID`) on a "hypervisor" whose real `ecobench agent
/// --vms` reads a RAPL fixture at 40 W; a real Prometheus scrapes that agent and two stand-in node
/// exporters (node A: the in-VM CPU estimate and its pods' CPU; node B: a node that is no VM,
/// estimate only); `ecobench run --target kubernetes` against the stand-in API server. While the run
/// goes, the test reads the host's busy CPU and QEMU's CPU from /proc itself, so the VM's expected
/// energy in the load phase is 40 W × T × (ΔCPU_QEMU / ΔCPU_busy) by hand (`LiveEnergySplit`,
/// proportional), independent of ecobench's output. Node A must be measured from the hypervisor,
/// with the chain; node B stays the estimate; pods split within each node, conserved.
@Suite(.serialized) struct KubernetesQEMUChainTests {
    static let uuid = "7c0ffee0-1d2e-4f3a-8b4c-5d6e7f8a9b0c"
    static let guestName = "scs-node-a"
    static let watts = 40.0
    static let nodes = ["127.0.0.2", "127.0.0.3"]
    static let estimateWatts = 7.0
    /// Pod name → (UID, node index, CPU s/s), as the stand-in places them (KubernetesVMNodeCLITests).
    static let pods: [String: (uid: String, node: Int, rate: Double)] = [
        "web-00000": ("6e6e6e6e-0000-4000-8000-000000000001", 0, 0.5),
        "web-00001": ("6e6e6e6e-0000-4000-8000-000000000002", 1, 0.3),
        "load-00000": ("6e6e6e6e-0000-4000-8000-000000000003", 0, 0.2),
    ]

    struct CPUReading {
        var time: Double  // unix seconds
        var busySeconds: Double
        var qemuSeconds: Double
    }

    static func nodeText(_ node: Int, _ t: Double) -> String {
        var text = String(format: "ecobench_node_energy_joules_total{source=\"estimate.cpu\",kind=\"estimated\","
                          + "role=\"cpuEstimate\"} %.6f\n", estimateWatts * t)
        text += String(format: "ecobench_node_cpu_seconds_total{mode=\"busy\"} %.6f\n", 1.0 * t)
        for pod in pods.values where pod.node == node {
            text += "ecobench_pod_cpu_seconds_total{pod_uid=\"\(pod.uid)\",qos=\"burstable\"} " + String(format: "%.6f\n", pod.rate * t)
        }
        return text
    }

    @Test func aVMNodesMeasuredEnergyComesFromItsHypervisorThroughPrometheus() throws {
        try Exclusive.run { try check() }
    }

    func check() throws {
        let harness = try AgentHarness()
        let dir = harness.directory.path
        let rapl = try RAPLFixtureWriter(root: dir + "/sys", watts: Self.watts)
        rapl.start()
        defer { rapl.stop() }
        let guest = QEMUGuest(uuid: Self.uuid, name: Self.guestName, vcpus: 1, directory: dir)
        try guest.writeInitramfs(busySeconds: 90, idleSeconds: 1)

        // The hypervisor's agent, and the two nodes' stand-in exporters advanced by a writer.
        let agentPort = try AgentHarness.freePort()
        let agent = try CLI.start(["agent", "--sysfs-root", rapl.root, "--no-hwmon", "--no-nvml", "--listen",
                                   "127.0.0.1:\(agentPort)", "--interval", "100", "--buffer", dir + "/hypervisor.db",
                                   "--cgroup-root", "none", "--vms", "--vm-scan-interval", "0.5"]).process
        defer { if agent.isRunning { kill(agent.processIdentifier, SIGKILL) } }
        try #require(AgentHarness.waitUntilServing("http://127.0.0.1:\(agentPort)/clock", token: nil, seconds: 20))
        let files = Self.nodes.indices.map { dir + "/node\($0).txt" }
        let begin = Date()
        @Sendable func write() {
            let t = Date().timeIntervalSince(begin)
            for (i, file) in files.enumerated() {
                try? Self.nodeText(i, t).write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
                _ = rename(file + ".tmp", file)
            }
        }
        write()
        let readings = ReadingLog()
        let writer = Thread {
            while !Thread.current.isCancelled {
                write()
                usleep(100_000)
            }
        }
        writer.start()
        defer { writer.cancel() }
        let exporters = try MetricsFileServer.start(files: files, hosts: Self.nodes)
        defer { for exporter in exporters { exporter.stop() } }
        let prometheus = try PrometheusServer(directory: harness.directory, jobs: [
            ("hypervisors", ["127.0.0.1:\(agentPort)"]),
            ("ecobench-agent", exporters.map(\.target))])
        defer { prometheus.stop() }
        try #require(prometheus.waitForTargets(3, seconds: 30), "Prometheus does not scrape the agent and the exporters")

        try guest.start()
        defer { guest.stop() }
        let pid = try #require(guest.process?.processIdentifier)
        try #require(guest.waitForConsole("ecobench-guest: busy", seconds: 120), "guest console: \(guest.console().suffix(2000))")
        // The test's own CPU readings while the run goes (every 0.25 s).
        let sampler = Thread {
            while !Thread.current.isCancelled {
                if let busy = try? AgentVMTests.hostBusySeconds(), let qemu = try? AgentVMTests.processCPUSeconds(pid) {
                    readings.append(CPUReading(time: Date().timeIntervalSince1970, busySeconds: busy, qemuSeconds: qemu))
                }
                usleep(250_000)
            }
        }
        sampler.start()
        defer { sampler.cancel() }
        usleep(2_000_000)  // the agent has scanned the guest twice, Prometheus scraped it

        let server = try KubernetesStandIn(folder: dir, jobLog: KubernetesWorkloadFixture.jobLog, jobPolls: 40,
                                           nodes: Self.nodes, podUIDs: Self.pods.mapValues(\.uid),
                                           providerIDs: [Self.nodes[0]: "openstack:///" + Self.uuid])
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir, phases: "{baseline_s: 2, idle_s: 2, load_s: 10, cooldown_s: 2}")
        let kubeconfig = try server.writeKubeconfig(user: .token("test-token"))
        let result = try CLI.run(KubernetesWorkloadFixture.runArguments(workload: workload, kubeconfig: kubeconfig, folder: dir)
                                  + ["--prometheus-url", prometheus.url, "--idle-policy", "proportional"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!guest.console().contains("ecobench-guest: idle"), "the run must lie in the guest's busy loop")
        let report = try KubernetesPodAttributionCLITests.object(
            try String(contentsOfFile: dir + "/out/run-1/report.json", encoding: .utf8))
        try checkReport(report, readings: readings.all())
        let validation = try CLI.validateReport(dir + "/out/run-1/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    func checkReport(_ report: [String: Any], readings: [CPUReading]) throws {
        let number = KubernetesPodAttributionCLITests.number
        let run = try #require(report["run"] as? [String: Any])
        let clockStart = try #require(number(run["clock_start_unix_ns"])) / 1e9
        let phases = try #require(report["phases"] as? [[String: Any]])
        let load = try #require(phases.first { $0["name"] as? String == "load" })
        let t = try #require(number(load["duration_s"]))
        let from = clockStart + (try #require(number(load["start_s"]))), to = from + t
        // The VM's CPU share of the host over the load phase, from the test's own /proc readings.
        let inside = readings.filter { $0.time >= from - 0.3 && $0.time <= to + 0.3 }
        let first = try #require(inside.first), last = try #require(inside.last)
        let share = (last.qemuSeconds - first.qemuSeconds) / (last.busySeconds - first.busySeconds)
        #expect(share > 0.05 && share <= 1.05, "QEMU's share of the host's busy CPU: \(share)")

        let section = try #require(report["kubernetes"] as? [String: Any])
        let energy = try #require(section["node_energy"] as? [[String: Any]]).filter { $0["phase"] as? String == "load" }
        // Node A, the VM: measured on the hypervisor, 40 W × T × share by hand, on the covered time.
        let a = try #require(energy.first { $0["node"] as? String == Self.nodes[0] }, "\(energy)")
        #expect(a["kind"] as? String == "measured", "\(a)")
        #expect((a["source"] as? String)?.hasPrefix("hypervisor 127.0.0.1 ecobench_vm_energy_joules_total") == true, "\(a)")
        let joules = try #require(number(a["energy_j"]))
        let coverage = try #require(number(a["coverage"]))
        let hand = Self.watts * t * coverage * share
        #expect(abs(joules - hand) <= 0.25 * hand, "node A: \(joules) J, by hand \(hand) J (share \(share), T \(t) s, coverage \(coverage))")
        let chain = try #require((a["vm_chain"] as? [[String: Any]])?.first, "\(a)")
        #expect(chain["instance_uuid"] as? String == Self.uuid && chain["vm_name"] as? String == Self.guestName, "\(chain)")
        let host = try #require(number(chain["host_energy_j"]))
        #expect(abs(host - Self.watts * t * coverage) <= Self.watts * 1.0, "hypervisor \(host) J vs 40 W × \(t) s × \(coverage)")
        let cpuShare = try #require(number(chain["cpu_share"]))
        #expect(abs(cpuShare - share) <= 0.15, "chain CPU share \(cpuShare), /proc \(share)")
        #expect((number(chain["vm_energy_uncertainty_j"]) ?? -1) >= 0)
        print(String(format: "QEMU chain: node A %.2f J (hand %.2f), hypervisor %.2f J, CPU share %.4f (/proc %.4f), T %.2f s",
                     joules, hand, host, cpuShare, share, t))
        // Node B is no VM: its in-VM estimate stands (7 W × T).
        let b = try #require(energy.first { $0["node"] as? String == Self.nodes[1] }, "\(energy)")
        #expect(b["kind"] as? String == "estimated", "\(b)")
        let bJoules = try #require(number(b["energy_j"]))
        #expect(abs(bJoules - Self.estimateWatts * t) <= Self.estimateWatts * 1.5, "node B: \(bJoules) J vs \(Self.estimateWatts * t) J")
        // Pods: within each node, attributed + unattributed = the node's energy; node A's pods carry
        // their share of the hypervisor-measured energy.
        for row in try #require(section["node_attribution"] as? [[String: Any]]) {
            let e = number(row["energy_j"]) ?? .nan
            let sum = (number(row["attributed_energy_j"]) ?? .nan) + (number(row["unattributed_energy_j"]) ?? .nan)
            #expect(abs(sum - e) <= 1e-9 * max(1, e), "\(row)")
        }
        let pods = try #require(section["pods"] as? [[String: Any]]).filter { $0["phase"] as? String == "load" }
        for (name, expected) in Self.pods where expected.node == 0 {
            let pod = try #require(pods.first { $0["pod"] as? String == name }, "\(name) in \(pods)")
            let attributed = try #require(number(pod["attributed_energy_j"]))
            let podShare = try #require(number(pod["share"]))
            #expect(abs(attributed - joules * podShare) <= 1e-9 * max(1, joules), "\(name): \(attributed) J of \(joules) J × \(podShare)")
        }
    }
}

/// The test's /proc readings, appended by a sampler thread.
final class ReadingLog: @unchecked Sendable {
    private let lock = NSLock()
    private var readings: [KubernetesQEMUChainTests.CPUReading] = []
    func append(_ reading: KubernetesQEMUChainTests.CPUReading) { lock.withLock { readings.append(reading) } }
    func all() -> [KubernetesQEMUChainTests.CPUReading] { lock.withLock { readings } }
}
