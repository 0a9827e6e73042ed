import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --target kubernetes` on nodes that are VMs (issue 13 item 3), end to end: the
/// stand-in API server (`Tests/tools/k8s_standin.py`) gives its two nodes OpenStack provider IDs;
/// a real Prometheus scrapes three stand-in exporters (`Tests/tools/metrics_file_server.py`)
/// whose files a writer advances at known rates:
/// - the hypervisor's agent (127.0.0.1): per-VM energy (VM a 40 W, VM b 20 W), per-VM CPU (1.2
///   and 0.6 CPU s/s), the host energy it split (100 W) and its busy CPU (3.0 CPU s/s), as
///   `ecobench agent --vms` exports them (proportional: 40 = 100 × 1.2/3, 20 = 100 × 0.6/3), and
///   its meter's stated accuracy, 2 % (`ecobench_vm_host_meter_relative_uncertainty`, as a
///   hypervisor whose wall meter is a Redfish sensor with Accuracy 2 % exports it);
/// - each VM node's own agent (127.0.0.2, 127.0.0.3, the Kubernetes node names): its CPU
///   estimate (7 W, estimated), its pods' CPU and its busy CPU.
/// The run must take each node's energy from the hypervisor (measured, replacing the in-VM
/// estimate), label the chain, and split it between the pods by their CPU.
@Suite(.serialized) struct KubernetesVMNodeCLITests {
    static let hypervisor = "127.0.0.1"
    static let nodes = ["127.0.0.2", "127.0.0.3"]
    static let uuids = ["0a1b2c3d-0000-4000-8000-00000000000a", "0a1b2c3d-0000-4000-8000-00000000000b"]
    static let vmWatts = [40.0, 20.0]
    static let vmCPURates = [1.2, 0.6]
    static let hostWatts = 100.0
    static let hostBusyRate = 3.0
    static let estimateWatts = 7.0
    static let meterRelative = 0.02
    static let meterBasis = "Redfish Sensor Accuracy 2 % (stand-in)"
    static let nodeBusyRate = 1.0
    /// Pod name → (UID, node index, CPU s/s); the stand-in places web-00000 and the load Job's pod
    /// on the first node, web-00001 on the second.
    static let pods: [String: (uid: String, node: Int, rate: Double)] = [
        "web-00000": ("5e5e5e5e-0000-4000-8000-000000000001", 0, 0.5),
        "web-00001": ("5e5e5e5e-0000-4000-8000-000000000002", 1, 0.3),
        "load-00000": ("5e5e5e5e-0000-4000-8000-000000000003", 0, 0.2),
    ]
    /// How far a window edge may be from its nearest sample (scrape every 1 s, no extrapolation past
    /// the last one; writer step 0.1 s; scheduling on a loaded machine).
    static let lagSeconds = 1.5

    static func hypervisorText(_ t: Double) -> String {
        var text = ""
        for i in 0..<2 {
            let labels = "instance_uuid=\"\(uuids[i])\",name=\"instance-0000000\(i)\""
            text += "ecobench_vm_energy_joules_total{\(labels),basis=\"cpu-time-share\",idle_policy=\"proportional\"} "
                + String(format: "%.6f\n", vmWatts[i] * t)
            text += "ecobench_vm_cpu_seconds_total{\(labels)} " + String(format: "%.6f\n", vmCPURates[i] * t)
        }
        // Conservation on the hypervisor: 40 + 20 + host processes 40 + unattributed 0 = 100 W.
        text += String(format: "ecobench_vm_host_energy_joules_total %.6f\n", hostWatts * t)
        text += String(format: "ecobench_vm_host_processes_energy_joules_total %.6f\n", 40 * t)
        text += "ecobench_vm_unattributed_joules_total 0\n"
        text += "ecobench_vm_host_meter_relative_uncertainty{basis=\"\(meterBasis)\"} \(meterRelative)\n"
        text += String(format: "ecobench_node_cpu_seconds_total{mode=\"busy\"} %.6f\n", hostBusyRate * t)
        // kube-state-metrics' node info (served here for brevity), for `cluster-energy`: it names
        // the first node's instance; the second is given with --vm-node.
        text += "kube_node_info{node=\"\(nodes[0])\",provider_id=\"openstack:///\(uuids[0])\",system_uuid=\"\(uuids[0])\"} 1\n"
        return text
    }

    static func vmNodeText(_ node: Int, _ t: Double) -> String {
        var text = String(format: "ecobench_node_energy_joules_total{source=\"estimate.cpu\",kind=\"estimated\","
                          + "role=\"cpuEstimate\"} %.6f\n", estimateWatts * t)
        text += String(format: "ecobench_node_cpu_seconds_total{mode=\"busy\"} %.6f\n", nodeBusyRate * t)
        for pod in pods.values where pod.node == node {
            text += "ecobench_pod_cpu_seconds_total{pod_uid=\"\(pod.uid)\",qos=\"burstable\"} "
                + String(format: "%.6f\n", pod.rate * t)
        }
        return text
    }

    @Test func vmNodesTakeTheirHypervisorsMeasuredShareAndSplitItBetweenPods() throws {
        try Exclusive.run { try check() }
    }

    func check() throws {
        let harness = try AgentHarness()
        let dir = harness.directory.path
        let hosts = [Self.hypervisor] + Self.nodes
        let files = hosts.indices.map { dir + "/metrics\($0).txt" }
        let begin = Date()
        @Sendable func write() {
            let t = Date().timeIntervalSince(begin)
            let texts = [Self.hypervisorText(t), Self.vmNodeText(0, t), Self.vmNodeText(1, t)]
            for (file, text) in zip(files, texts) {
                try? text.write(toFile: file + ".tmp", atomically: false, encoding: .utf8)
                _ = rename(file + ".tmp", file)
            }
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
        let exporters = try MetricsFileServer.start(files: files, hosts: hosts)
        defer { for exporter in exporters { exporter.stop() } }
        let prometheus = try PrometheusServer(directory: harness.directory, jobs: [
            ("ecobench-agent", exporters.map(\.target))])
        defer { prometheus.stop() }
        #expect(prometheus.waitForTargets(3, seconds: 30), "Prometheus does not scrape the three stand-in exporters")
        usleep(3_000_000)

        // The nodes are OpenStack VMs: one by openstack:///<UUID> (upper case), one by the region form.
        let server = try KubernetesStandIn(
            folder: dir, jobLog: KubernetesWorkloadFixture.jobLog, jobPolls: 40, nodes: Self.nodes,
            podUIDs: Self.pods.mapValues(\.uid),
            providerIDs: [Self.nodes[0]: "openstack:///" + Self.uuids[0].uppercased(),
                          Self.nodes[1]: "openstack://RegionOne/" + Self.uuids[1]])
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir, phases: "{baseline_s: 2, idle_s: 2, load_s: 10, cooldown_s: 3}")
        let kubeconfig = try server.writeKubeconfig(user: .token("test-token"))
        let result = try CLI.run(KubernetesWorkloadFixture.runArguments(workload: workload, kubeconfig: kubeconfig, folder: dir)
                                  + ["--prometheus-url", prometheus.url, "--idle-policy", "proportional"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try KubernetesPodAttributionCLITests.object(
            try String(contentsOfFile: dir + "/out/run-1/report.json", encoding: .utf8))
        try checkReport(report)
        let validation = try CLI.validateReport(dir + "/out/run-1/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let html = try String(contentsOfFile: dir + "/out/run-1/report.html", encoding: .utf8)
        #expect(html.contains("Nodes that are VMs: hypervisor → VM → pods"))
        #expect(html.contains("meter accuracy"), "the chain's meter column")
        #expect(html.contains(">2 %<"), "the chain shows the meter's 2 %")
        try checkClusterEnergy(prometheus.url)
    }

    /// `ecobench cluster-energy` over a past 6 s window: the same hypervisor shares, nodes matched by
    /// kube_node_info (first) and --vm-node (second): 40 W × 6 s = 240 J and 20 W × 6 s = 120 J.
    func checkClusterEnergy(_ url: String) throws {
        let number = KubernetesPodAttributionCLITests.number
        let to = Date().timeIntervalSince1970 - 2, from = to - 6
        let result = try CLI.run(["cluster-energy", "--prometheus-url", url, "--from", String(format: "%.3f", from),
                                  "--to", String(format: "%.3f", to), "--vm-node", "\(Self.nodes[1])=\(Self.uuids[1])",
                                  "--idle-policy", "proportional", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try KubernetesPodAttributionCLITests.object(result.stdout)
        let nodes = try #require(json["nodes"] as? [[String: Any]])
        for (i, name) in Self.nodes.enumerated() {
            let node = try #require(nodes.first { $0["node"] as? String == name }, "\(name) in \(nodes)")
            #expect(node["kind"] as? String == "measured", "\(node)")
            let joules = try #require(number(node["energy_joules"]))
            // Scrape stamps vs the writer's 0.1 s steps: well within 0.5 s of the VM's power per edge.
            #expect(abs(joules - Self.vmWatts[i] * 6) <= Self.vmWatts[i] * 0.5, "\(name): \(joules) J vs \(Self.vmWatts[i] * 6)")
            let chain = try #require((node["vm_chain"] as? [[String: Any]])?.first, "\(node)")
            #expect(chain["instance_uuid"] as? String == Self.uuids[i])
            #expect(abs((number(chain["energy_share"]) ?? .nan) - Self.vmWatts[i] / Self.hostWatts) <= 0.02, "\(chain)")
            #expect(number(chain["host_meter_relative_uncertainty"]) == Self.meterRelative, "\(chain)")
            #expect((node["notes"] as? [String] ?? []).contains { $0.hasPrefix("replaces prometheus") }, "\(node)")
            let attributed = (node["pods"] as? [[String: Any]] ?? []).reduce(0) { $0 + (number($1["energy_joules"]) ?? 0) }
            let unattributed = try #require(number(node["unattributed_energy_joules"]))
            #expect(abs(attributed + unattributed - joules) <= 1e-9 * max(1, joules))
        }
    }

    func checkReport(_ report: [String: Any]) throws {
        let number = KubernetesPodAttributionCLITests.number
        let section = try #require(report["kubernetes"] as? [String: Any])
        let nodes = try #require(section["nodes"] as? [[String: Any]])
        for (i, node) in Self.nodes.enumerated() {
            let row = try #require(nodes.first { $0["name"] as? String == node })
            #expect(row["instance_uuid"] as? String == Self.uuids[i] && row["instance_uuid_field"] as? String == "spec.providerID")
        }
        let phases = try #require(report["phases"] as? [[String: Any]])
        let load = try #require(phases.first { $0["name"] as? String == "load" })
        let t = try #require(number(load["duration_s"]))
        #expect(t > 6, "the load Job ran \(t) s; the tolerances assume several seconds")
        let energy = try #require(section["node_energy"] as? [[String: Any]]).filter { $0["phase"] as? String == "load" }
        #expect(energy.count == 2, "one reading per node (the hypervisor's share replaced the estimate): \(energy)")
        var nodeJoules: [Double] = []
        for (i, node) in Self.nodes.enumerated() {
            let row = try #require(energy.first { $0["node"] as? String == node }, "\(node) in \(energy)")
            #expect(row["kind"] as? String == "measured", "\(row)")
            #expect((row["source"] as? String)?.hasPrefix("hypervisor 127.0.0.1 ecobench_vm_energy_joules_total") == true)
            // Node energy = the VM's watts × T (40 W, 20 W), within one edge lag; not the 7 W estimate.
            // Tighter: the window integral does not extrapolate past the last scrape (asked right after
            // the phase ended, up to one 1 s scrape before its end), so it is the watts × the covered
            // time, T × coverage, within the writer's 0.1 s steps and scrape stamping (0.5 s of power).
            let joules = try #require(number(row["energy_j"]))
            let coverage = try #require(number(row["coverage"]))
            #expect(abs(joules - Self.vmWatts[i] * t) <= Self.vmWatts[i] * Self.lagSeconds,
                    "\(node): \(joules) J vs \(Self.vmWatts[i] * t) J")
            #expect(abs(joules - Self.vmWatts[i] * t * coverage) <= Self.vmWatts[i] * 0.5,
                    "\(node): \(joules) J vs \(Self.vmWatts[i]) W × \(t) s × coverage \(coverage)")
            print("VM node \(node): \(joules) J, hand \(Self.vmWatts[i] * t) J, covered \(Self.vmWatts[i] * t * coverage) J")
            nodeJoules.append(joules)
            // The chain: hypervisor 100 W × T; the VM's share 40/100 = 0.4 and 20/100 = 0.2 of it; its
            // CPU share 1.2/3 = 0.4 and 0.6/3 = 0.2 of the host's busy CPU (ratios of two integrals
            // over the same window: the edge lags mostly cancel).
            let chain = try #require((row["vm_chain"] as? [[String: Any]])?.first, "\(row)")
            #expect(chain["hypervisor"] as? String == Self.hypervisor && chain["instance_uuid"] as? String == Self.uuids[i])
            #expect(chain["vm_name"] as? String == "instance-0000000\(i)" && chain["idle_policy"] as? String == "proportional")
            let host = try #require(number(chain["host_energy_j"]))
            #expect(abs(host - Self.hostWatts * t * coverage) <= Self.hostWatts * 0.5, "host \(host) J vs \(Self.hostWatts * t)")
            let share = Self.vmWatts[i] / Self.hostWatts
            #expect(abs((number(chain["energy_share"]) ?? .nan) - share) <= 0.02, "\(chain)")
            #expect(abs((number(chain["cpu_share"]) ?? .nan) - Self.vmCPURates[i] / Self.hostBusyRate) <= 0.02, "\(chain)")
            #expect((number(chain["vm_energy_uncertainty_j"]) ?? -1) >= 0)
            // The meter's accuracy through the chain: r = 2 % (the gauge at the window's end), the VM's
            // part r × E_vm = 0.02 × 40 W × T (≈ 0.8 J/s × T), combined with the window's in quadrature.
            #expect(number(chain["host_meter_relative_uncertainty"]) == Self.meterRelative, "\(chain)")
            #expect(chain["host_meter_uncertainty_basis"] as? String == Self.meterBasis, "\(chain)")
            let vmJ = try #require(number(chain["vm_energy_j"]))
            let meterJ = try #require(number(chain["vm_energy_meter_uncertainty_j"]), "\(chain)")
            #expect(abs(meterJ - Self.meterRelative * vmJ) <= 1e-9 * max(1, vmJ), "\(meterJ) vs 0.02 × \(vmJ)")
            #expect(abs(meterJ - Self.meterRelative * Self.vmWatts[i] * t) <= Self.meterRelative * Self.vmWatts[i] * Self.lagSeconds)
            let window = try #require(number(chain["vm_energy_uncertainty_j"]))
            let combined = try #require(number(chain["vm_energy_combined_uncertainty_j"]))
            #expect(abs(combined - (window * window + meterJ * meterJ).squareRoot()) <= 1e-9 * max(1, combined))
            // The node phase's error budget carries it: a meter-accuracy part of 2 % × the node's energy.
            let budget = try #require(row["error_budget"] as? [String: Any], "the reading's uncertainty reaches the report: \(row)")
            let parts = try #require(budget["contributions"] as? [[String: Any]])
            let meter = try #require(parts.first { $0["source"] as? String == "meter_accuracy" }, "\(parts)")
            #expect(abs((number(meter["standard_uncertainty"]) ?? .nan) - Self.meterRelative * joules) <= 1e-9 * max(1, joules),
                    "\(meter) vs 0.02 × \(joules) J")
            #expect((number(budget["combined_standard_uncertainty"]) ?? 0) >= Self.meterRelative * joules - 1e-9)
        }
        #expect((section["notes"] as? [String] ?? []).contains { $0.hasPrefix("nodes that are VMs (2") })
        #expect((report["notes"] as? [String] ?? []).contains { $0.contains("replaces the estimate of prometheus") },
                "\(report["notes"] ?? "")")
        // Pods split within each VM node as on any node: the fixture's busy CPU is as high in the
        // baseline as under load, so the denominator is the pods' sum on the node (the clamp of
        // KubernetesPodAttributionCLITests): node 0: 0.5/0.7 and 0.2/0.7; node 1: 0.3/0.3.
        let pods = try #require(section["pods"] as? [[String: Any]]).filter { $0["phase"] as? String == "load" }
        #expect(pods.count == 3, "\(pods)")
        for (name, expected) in Self.pods {
            let pod = try #require(pods.first { $0["pod"] as? String == name }, "\(name) in \(pods)")
            #expect(pod["node"] as? String == Self.nodes[expected.node])
            let ratio = expected.rate / Self.pods.values.filter { $0.node == expected.node }.reduce(0) { $0 + $1.rate }
            let share = try #require(number(pod["share"]))
            #expect(abs(share - ratio) <= ratio * 2 * Self.lagSeconds / t, "\(name): share \(share) vs \(ratio)")
            // Proportional: the pod carries its share of its node's (the VM's) measured energy.
            let attributed = try #require(number(pod["attributed_energy_j"]))
            let node = nodeJoules[expected.node]
            #expect(abs(attributed - node * share) <= 1e-9 * max(1, node))
            let hand = Self.vmWatts[expected.node] * t * ratio
            #expect(abs(attributed - hand) <= hand * 3 * Self.lagSeconds / t, "\(name): \(attributed) J vs hand \(hand) J")
            print("VM node pod \(name): \(attributed) J (hand \(hand) J), share \(share) (fixture \(ratio)), T \(t) s")
        }
        for row in try #require(section["node_attribution"] as? [[String: Any]]) {
            let e = number(row["energy_j"]) ?? .nan
            let sum = (number(row["attributed_energy_j"]) ?? .nan) + (number(row["unattributed_energy_j"]) ?? .nan)
            #expect(abs(sum - e) <= 1e-9 * max(1, e), "\(row)")
        }
    }
}
