import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A real QEMU guest under TCG on this machine, two real `ecobench agent --vms` (idle policy
/// proportional, and reserved with an assumed host idle power) over a RAPL fixture advanced at
/// known watts. While the guest runs its busy loop, the test reads the host's busy CPU
/// (/proc/stat) and the QEMU process's CPU (/proc/<pid>/stat) itself at two scrapes; each
/// agent's VM joules between the scrapes must match the hand formula on those readings
/// (`LiveEnergySplit`, Reports/README.md "Per-VM attribution"), every scrape conserves the host's
/// energy, the guest's series goes once QEMU has exited, the guest's share is handed into its VM
/// energy tree (`--vm-energy-dir`), and `cluster-energy` takes the VM's
/// Kubernetes node's measured energy from a real Prometheus scraping the agent (the whole chain:
/// hypervisor meter → VM share → node). Fails (never skips) without qemu.
@Suite(.serialized) struct AgentVMTests {
    static let uuid = "5e0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b"
    static let name = "ecobench-tcg-guest"
    static let watts = 40.0  // the fixture RAPL package's power
    static let idleWatts = 10.0  // --host-idle-watts of the reserved agent (assumed)
    static let scanSeconds = 0.25

    struct Observation {
        var time: Date
        var busySeconds: Double  // host busy CPU (all but idle and iowait), read by the test
        var qemuSeconds: Double  // QEMU's utime + stime, read by the test
        var qemuSecondsAfter: Double  // the same, read again after the scrapes
        var metrics: [[String: Double]]  // one per agent
    }

    @Test func qemuGuestUnderTCGGetsItsCPUShareOfTheHostsEnergy() throws {
        try Exclusive.run { try check() }
    }

    @Test func idlePoliciesThatNeedTheHostsIdlePowerRefuseToStartWithoutIt() throws {
        for policy in ["none", "reserved"] {
            let result = try CLI.run(["agent", "--vms", "--vm-idle-policy", policy, "--listen", "127.0.0.1:0"])
            #expect(result.status != 0 && result.stderr.contains("--vm-idle-policy \(policy) needs --host-idle-watts"),
                    "\(policy): \(result.stderr)")
        }
        let bad = try CLI.run(["agent", "--vms", "--vm-idle-policy", "everything"])
        #expect(bad.status != 0 && bad.stderr.contains("--vm-idle-policy must be one of none, reserved, proportional"), "\(bad.stderr)")
    }

    func check() throws {
        let harness = try AgentHarness()
        let dir = harness.directory.path
        let rapl = try RAPLFixtureWriter(root: dir + "/sys", watts: Self.watts)
        rapl.start()
        defer { rapl.stop() }
        let guest = QEMUGuest(uuid: Self.uuid, name: Self.name, vcpus: 1, directory: dir)
        try guest.writeInitramfs(busySeconds: 10, idleSeconds: 2)

        let ports = try (0..<2).map { _ in try AgentHarness.freePort() }
        let policies = [["--vm-idle-policy", "proportional", "--vm-energy-dir", dir + "/vm-energy"],
                        ["--vm-idle-policy", "reserved", "--host-idle-watts", "\(Self.idleWatts)"]]
        var agents: [ChildProcess] = []
        defer { for process in agents where process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        for i in 0..<2 {
            agents.append(try CLI.start(["agent", "--sysfs-root", rapl.root, "--no-hwmon", "--no-nvml",
                                         "--listen", "127.0.0.1:\(ports[i])", "--interval", "100", "--buffer", dir + "/b\(i).db",
                                         "--cgroup-root", "none", "--vms", "--vm-scan-interval", "\(Self.scanSeconds)"]
                                        + policies[i]).process)
        }
        let base = ports.map { "http://127.0.0.1:\($0)" }
        for url in base { try #require(AgentHarness.waitUntilServing(url + "/clock", token: nil, seconds: 20), "\(url)") }
        // A real Prometheus scrapes the proportional agent every second.
        let prometheus = try PrometheusServer(directory: harness.directory, jobs: [("hypervisor", ["127.0.0.1:\(ports[0])"])])
        defer { prometheus.stop() }
        try #require(prometheus.waitForTargets(1, seconds: 30), "Prometheus never scraped the agent")

        try guest.start()
        defer { guest.stop() }
        let pid = try #require(guest.process?.processIdentifier)
        try #require(guest.waitForConsole("ecobench-guest: busy", seconds: 120), "guest console: \(guest.console().suffix(2000))")
        usleep(1_000_000)  // both agents have scanned the guest at least twice
        let first = try observe(base, pid: pid)
        usleep(5_000_000)
        let second = try observe(base, pid: pid)
        #expect(guest.console().contains("ecobench-guest: busy") && !guest.console().contains("ecobench-guest: idle"),
                "the window must lie in the guest's busy loop: \(guest.console().suffix(500))")

        let seconds = second.time.timeIntervalSince(first.time)
        let share = (second.qemuSeconds - first.qemuSeconds) / (second.busySeconds - first.busySeconds)
        let hostCPUs = Double(try Self.hostCPUs())
        #expect(share > 0.05 && share <= 1, "QEMU's share of the host's busy CPU: \(share)")
        for (index, observation) in [first, second].enumerated() {
            for (agent, samples) in observation.metrics.enumerated() {
                let vm = try Self.value(samples, "ecobench_vm_energy_joules_total",
                                        ["instance_uuid=\"\(Self.uuid)\"", "name=\"\(Self.name)\"", "basis=\"cpu-time-share\"",
                                         "idle_policy=\"\(agent == 0 ? "proportional" : "reserved")\""])
                let host = try Self.value(samples, "ecobench_vm_host_energy_joules_total")
                let rest = try Self.value(samples, "ecobench_vm_host_processes_energy_joules_total")
                    + Self.value(samples, "ecobench_vm_unattributed_joules_total")
                #expect(abs(vm + rest - host) <= 1e-6 * host, "agent \(agent) scrape \(index): \(vm) + \(rest) ≠ \(host)")
                // The agent's QEMU CPU (its latest scan, ≤ 0.25 s + a tick old) against the test's own reading.
                let cpu = try Self.value(samples, "ecobench_vm_cpu_seconds_total", ["instance_uuid=\"\(Self.uuid)\""])
                // The agent may scan between the test's two reads: no later than the read after the scrape.
                #expect(cpu <= observation.qemuSecondsAfter + 0.02 && cpu >= observation.qemuSeconds - 0.6,
                        "agent \(agent): QEMU CPU \(cpu) s, /proc says \(observation.qemuSeconds)…\(observation.qemuSecondsAfter) s")
            }
        }
        func delta(_ agent: Int, _ name: String, _ labels: [String] = []) throws -> Double {
            try Self.value(second.metrics[agent], name, labels) - Self.value(first.metrics[agent], name, labels)
        }
        // Each agent's totals belong to the node energy reading it last split at
        // (ecobench_vm_scan_timestamp_seconds), up to a scan interval, and on a loaded machine more,
        // before the test's own reading: each hand value takes that agent's window, the share the
        // test read from /proc over its own (the guest's busy loop keeps it steady).
        let windows = try (0..<2).map { try delta($0, "ecobench_vm_scan_timestamp_seconds") }
        let uuidLabel = ["instance_uuid=\"\(Self.uuid)\""]
        for agent in 0..<2 {
            #expect(abs(windows[agent] - seconds) <= 2, "agent \(agent): window \(windows[agent]) s, the test's \(seconds) s")
            // The host's energy over the agent's window: 40 W × Δt, give or take the fixture writer's step
            // and its scheduling on a loaded machine (0.5 s of power).
            let host = try delta(agent, "ecobench_vm_host_energy_joules_total")
            #expect(abs(host - Self.watts * windows[agent]) <= Self.watts * 0.5,
                    "agent \(agent): host \(host) J in \(windows[agent]) s")
        }
        // proportional: VM = W × Δt × share; e.g. 40 W × 5 s × 0.45 = 90 J.
        let proportional = Self.watts * windows[0] * share
        let vm0 = try delta(0, "ecobench_vm_energy_joules_total", uuidLabel)
        #expect(abs(vm0 - proportional) <= 0.2 * proportional, "proportional: \(vm0) J, by hand \(proportional) J (share \(share))")
        // reserved: VM = (W − P_idle) × Δt × share + P_idle × Δt × vCPUs / host CPUs; nobody gets
        // P_idle × Δt × (1 − vCPUs / host CPUs). E.g. 30 × 5 × 0.45 + 10 × 5 × 1/2 = 92.5 J; nobody 25 J.
        let reserved = (Self.watts - Self.idleWatts) * windows[1] * share + Self.idleWatts * windows[1] / hostCPUs
        let vm1 = try delta(1, "ecobench_vm_energy_joules_total", uuidLabel)
        #expect(abs(vm1 - reserved) <= 0.2 * reserved, "reserved: \(vm1) J, by hand \(reserved) J (share \(share))")
        let nobody = Self.idleWatts * windows[1] * (1 - 1 / hostCPUs)
        let unattributed = try delta(1, "ecobench_vm_unattributed_joules_total")
        print(String(format: "QEMU guest: %.3f s window (agents %.3f, %.3f s), share %.4f; proportional %.2f J (hand %.2f), "
                     + "reserved %.2f J (hand %.2f), reserved unattributed %.2f J (hand %.2f), %d host CPUs",
                     seconds, windows[0], windows[1], share, vm0, proportional, vm1, reserved, unattributed, nobody, Int(hostCPUs)))
        #expect(abs(unattributed - nobody) <= 0.15 * nobody + 1, "reserved: unattributed \(unattributed) J, by hand \(nobody) J")

        // Prometheus holds the guest's series with its labels, at most what the agent shows now.
        let selector = "ecobench_vm_energy_joules_total{instance_uuid=\"\(Self.uuid)\",name=\"\(Self.name)\","
            + "basis=\"cpu-time-share\",idle_policy=\"proportional\"}"
        let encoded = try #require(selector.addingPercentEncoding(withAllowedCharacters: .alphanumerics))
        var stored: [String: Double] = [:]
        let queryDeadline = Date().addingTimeInterval(10)
        while Date() < queryDeadline {
            stored = PrometheusCheck.query(AgentHarness.get(prometheus.url + "/api/v1/query?query=" + encoded).body)
            if (stored.values.first ?? 0) > 0 { break }
            usleep(250_000)
        }
        let latest = try Self.value(AgentHarness.parseMetrics(AgentHarness.get(base[0] + "/metrics").body),
                                    "ecobench_vm_energy_joules_total", uuidLabel)
        #expect(stored.count == 1 && (stored.values.first ?? 0) > 0 && (stored.values.first ?? .infinity) <= latest,
                "Prometheus: \(stored), agent now \(latest) J")

        // The chain, end to end: `cluster-energy` over the same window, the VM's Kubernetes node named
        // by its instance UUID (as a node's spec.providerID openstack:///<uuid> would), takes its energy
        // from the hypervisor series in this Prometheus: measured, ≈ W × the test's window × share (the window
        // integral interpolates the 1 s scrapes), with the VM's CPU share of the host in the chain.
        try checkClusterEnergy(prometheus.url, from: first.time, to: second.time, expectedJ: Self.watts * seconds * share, share: share)

        // The proportional agent hands the guest's share into its VM energy tree (--vm-energy-dir): the
        // same total as its series, read between two scrapes (both only grow), in whole µJ.
        try checkEnergyTree(dir + "/vm-energy", agentURL: base[0])

        // /samples carries the same totals, typed.
        let samples = AgentHarness.get(base[1] + "/samples?from=0&limit=1").body
        let object = try #require(try JSONSerialization.jsonObject(with: Data(samples.utf8)) as? [String: Any])
        let vms = try #require(object["vms"] as? [String: Any], "\(samples.prefix(400))")
        #expect(vms["idle_policy"] as? String == "reserved" && (vms["host_idle_watts"] as? NSNumber)?.doubleValue == Self.idleWatts)
        let guests = try #require(vms["guests"] as? [[String: Any]])
        #expect(guests.first?["instance_uuid"] as? String == Self.uuid && (guests.first?["vcpus"] as? NSNumber)?.intValue == 1)

        // After poweroff the guest's series goes; the host's stay.
        try #require(guest.waitForConsole("ecobench-guest: poweroff", seconds: 60), "\(guest.console().suffix(500))")
        let deadline = Date().addingTimeInterval(20)
        while guest.process?.isRunning == true && Date() < deadline { usleep(100_000) }
        usleep(1_000_000)
        let after = try AgentHarness.parseMetrics(AgentHarness.get(base[0] + "/metrics").body)
        #expect(!after.keys.contains { $0.hasPrefix("ecobench_vm_energy_joules_total") }, "\(after.keys.sorted())")
        #expect(after["ecobench_vm_host_energy_joules_total"] != nil)
    }

    func checkEnergyTree(_ directory: String, agentURL: String) throws {
        let uuidLabel = ["instance_uuid=\"\(Self.uuid)\""]
        let zone = directory + "/\(Self.uuid)/class/powercap/intel-rapl:0"
        let before = try Self.value(AgentHarness.parseMetrics(AgentHarness.get(agentURL + "/metrics").body),
                                    "ecobench_vm_energy_joules_total", uuidLabel)
        let text = try String(contentsOfFile: zone + "/energy_uj", encoding: .utf8)
        let after = try Self.value(AgentHarness.parseMetrics(AgentHarness.get(agentURL + "/metrics").body),
                                   "ecobench_vm_energy_joules_total", uuidLabel)
        let joules = try #require(Double(text.trimmingCharacters(in: .whitespacesAndNewlines)), "energy_uj: \(text)") / 1e6
        #expect(joules >= before - 1e-6 - 1e-3 && joules <= after + 1e-6, "tree \(joules) J, series \(before)…\(after) J")
        #expect(try String(contentsOfFile: zone + "/name", encoding: .utf8).hasPrefix("host-attribution"))
        let provenance = try String(contentsOfFile: directory + "/\(Self.uuid)/ecobench-host-attribution.json", encoding: .utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(provenance.utf8)) as? [String: Any])
        #expect(object["idle_policy"] as? String == "proportional" && object["instance_uuid"] as? String == Self.uuid
                && object["write_interval_s"] as? Double == Self.scanSeconds, "\(provenance)")
        let meter = try #require(object["host_meter"] as? [String: Any], "\(provenance)")
        #expect(meter["kind"] as? String == "measured" && (meter["channels"] as? [String]) == ["rapl.package-0"], "\(meter)")
    }

    func checkClusterEnergy(_ url: String, from: Date, to: Date, expectedJ: Double, share: Double) throws {
        let number = KubernetesPodAttributionCLITests.number
        let wait = to.timeIntervalSinceNow + 2.5  // a scrape after the window's end
        if wait > 0 { usleep(UInt32(wait * 1e6)) }
        let node = "vm-node-a"
        let result = try CLI.run(["cluster-energy", "--prometheus-url", url,
                                  "--from", String(format: "%.3f", from.timeIntervalSince1970),
                                  "--to", String(format: "%.3f", to.timeIntervalSince1970),
                                  "--vm-node", "\(node)=\(Self.uuid)", "--idle-policy", "proportional", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try KubernetesPodAttributionCLITests.object(result.stdout)
        let nodes = try #require(json["nodes"] as? [[String: Any]], "\(result.stdout.prefix(800))")
        let row = try #require(nodes.first { $0["node"] as? String == node }, "\(nodes)")
        #expect(row["kind"] as? String == "measured", "\(row)")
        let joules = try #require(number(row["energy_joules"]), "\(row)")
        #expect(abs(joules - expectedJ) <= 0.25 * expectedJ, "cluster-energy: \(joules) J, by hand \(expectedJ) J")
        let chain = try #require((row["vm_chain"] as? [[String: Any]])?.first, "\(row)")
        #expect(chain["instance_uuid"] as? String == Self.uuid && chain["idle_policy"] as? String == "proportional", "\(chain)")
        // proportional: the VM's energy share of the host is its CPU share (Reports/README.md).
        let energyShare = try #require(number(chain["energy_share"]), "\(chain)")
        let cpuShare = try #require(number(chain["cpu_share"]), "\(chain)")
        #expect(abs(energyShare - share) <= 0.15 && abs(cpuShare - share) <= 0.15,
                "chain shares \(energyShare) (energy), \(cpuShare) (CPU); /proc says \(share)")
        print(String(format: "QEMU guest through Prometheus: cluster-energy %.2f J (hand %.2f), energy share %.4f, "
                     + "CPU share %.4f (/proc %.4f)", joules, expectedJ, energyShare, cpuShare, share))
    }

    func observe(_ base: [String], pid: Int32) throws -> Observation {
        let busy = try Self.hostBusySeconds()
        let qemu = try Self.processCPUSeconds(pid)
        let time = Date()
        let metrics = try base.map { try AgentHarness.parseMetrics(AgentHarness.get($0 + "/metrics").body) }
        return Observation(time: time, busySeconds: busy, qemuSeconds: qemu,
                           qemuSecondsAfter: try Self.processCPUSeconds(pid), metrics: metrics)
    }

    /// The one sample of `name` whose labels contain every fragment.
    static func value(_ samples: [String: Double], _ name: String, _ fragments: [String] = []) throws -> Double {
        let matches = samples.filter { key, _ in
            (key == name || key.hasPrefix(name + "{")) && fragments.allSatisfy { key.contains($0) }
        }
        guard matches.count == 1, let value = matches.first?.value else {
            throw AgentHarness.HarnessError("\(name) \(fragments): \(matches.count) samples in \(samples.keys.sorted())")
        }
        return value
    }

    /// /proc/stat's first line: user + nice + system + irq + softirq (fields 1, 2, 3, 6, 7; not idle,
    /// iowait, steal), in seconds.
    static func hostBusySeconds() throws -> Double {
        let text = try String(contentsOfFile: "/proc/stat", encoding: .utf8)
        let fields = text.split(separator: "\n")[0].split(separator: " ").dropFirst().prefix(8).compactMap { Double($0) }
        guard fields.count == 8 else { throw AgentHarness.HarnessError("/proc/stat: \(text.prefix(100))") }
        return (fields[0] + fields[1] + fields[2] + fields[5] + fields[6]) / ProcStat.ticksPerSecond
    }

    static func hostCPUs() throws -> Int {
        let text = try String(contentsOfFile: "/proc/stat", encoding: .utf8)
        return text.split(separator: "\n").filter { $0.hasPrefix("cpu") && !$0.hasPrefix("cpu ") }.count
    }

    /// utime + stime (fields 14, 15 after the comm's closing parenthesis) of one process, in seconds.
    static func processCPUSeconds(_ pid: Int32) throws -> Double {
        let text = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        guard let close = text.lastIndex(of: ")") else { throw AgentHarness.HarnessError("stat: \(text)") }
        let fields = text[text.index(after: close)...].split(separator: " ")  // fields[0] is field 3 (state)
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw AgentHarness.HarnessError("stat: \(text)")
        }
        return (user + system) / ProcStat.ticksPerSecond
    }
}
