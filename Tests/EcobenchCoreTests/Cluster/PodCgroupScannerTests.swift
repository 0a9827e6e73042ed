import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Pod CPU time from kubelet cgroup trees (fixtures under testdata/cgroup) and in the agent's /metrics text.
@Suite struct PodCgroupScannerTests {
    @Test func cgroupV2SystemdDriver() {
        let root = Fixtures.path("cgroup/v2-systemd")
        let result = PodCgroupScanner(cgroupRoot: root).scan()
        #expect(result.pods.map(\.podUID) == ["0f0f0f0f-0000-1111-2222-333333333333", "11111111-2222-3333-4444-555555555555",
                                              "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"])
        #expect(result.pods.map(\.qos) == ["besteffort", "guaranteed", "burstable"])
        #expect(result.pods.map(\.cpuSeconds) == [0.0005, 2.5, 1.25])  // the pod's own cpu.stat, not its container's
        #expect(result.pods[1].path.hasSuffix("kubepods-pod11111111_2222_3333_4444_555555555555.slice/cpu.stat"))
        // The pod whose cpu.stat lacks usage_usec is reported, not shown as 0.
        #expect(result.problems.count == 1)
        #expect(result.problems.first?.contains("99999999_9999") == true && result.problems.first?.contains("no CPU usage") == true)
    }

    @Test func cgroupV2CgroupfsDriver() {
        let result = PodCgroupScanner(cgroupRoot: Fixtures.path("cgroup/v2-cgroupfs") + "/").scan()
        #expect(result.pods == [
            PodCgroupCPU(podUID: "11111111-2222-3333-4444-555555555555", qos: "guaranteed", cpuSeconds: 3,
                         path: Fixtures.path("cgroup/v2-cgroupfs") + "/kubepods/pod11111111-2222-3333-4444-555555555555/cpu.stat"),
            PodCgroupCPU(podUID: "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", qos: "burstable", cpuSeconds: 0.75,
                         path: Fixtures.path("cgroup/v2-cgroupfs") + "/kubepods/burstable/podaaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/cpu.stat"),
        ])
        #expect(result.problems.isEmpty)
    }

    @Test func cgroupV1Cpuacct() {
        let result = PodCgroupScanner(cgroupRoot: Fixtures.path("cgroup/v1-cgroupfs")).scan()
        #expect(result.pods.map(\.podUID) == ["aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee"])
        #expect(result.pods.first?.cpuSeconds == 1.5)
        #expect(result.pods.first?.path.hasSuffix("cpu,cpuacct/kubepods/burstable/podaaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee/cpuacct.usage") == true)
    }

    @Test func noKubepodsNoPods() {
        let result = PodCgroupScanner(cgroupRoot: Fixtures.path("amd-1s/sys")).scan()
        #expect(result.pods.isEmpty && result.problems.isEmpty)
    }

    /// The agent logs this at start: a root without a kubepods tree (a container's own cgroups,
    /// a node without the kubelet) is said, not silently scanned to zero pods.
    @Test func noKubepodsTreeIsAWarningNamingTheRoot() throws {
        let root = Fixtures.path("amd-1s/sys")
        let warning = try #require(PodCgroupScanner(cgroupRoot: root).missingKubepodsWarning())
        #expect(warning.hasPrefix("warning: no kubepods tree under the cgroup root \(root) "))
        #expect(warning.contains("--cgroup-root"))
        for tree in ["cgroup/v2-systemd", "cgroup/v2-cgroupfs", "cgroup/v1-cgroupfs"] {
            #expect(PodCgroupScanner(cgroupRoot: Fixtures.path(tree)).missingKubepodsWarning() == nil, "\(tree)")
        }
    }

    @Test func agentMetricsShowPodsAndEnergyRoles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 10)
        let pods = AgentPodCPU(scanner: PodCgroupScanner(cgroupRoot: Fixtures.path("cgroup/v2-systemd")))
        var logged: [String] = []
        let collector = try AgentCollector(probes: [], buffer: buffer, intervalNanoseconds: 100_000_000, pods: pods)
        let text = collector.metricsText(version: "test") { logged.append($0) }
        #expect(text.contains("# TYPE ecobench_pod_cpu_seconds_total counter\n"))
        #expect(text.contains("ecobench_pod_cpu_seconds_total{pod_uid=\"aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee\",qos=\"burstable\"} 1.25\n"))
        #expect(text.contains("ecobench_pod_cpu_seconds_total{pod_uid=\"11111111-2222-3333-4444-555555555555\",qos=\"guaranteed\"} 2.5\n"))
        #expect(logged.count == 1)
        _ = collector.metricsText(version: "test") { logged.append($0) }
        #expect(logged.count == 1, "a problem is logged once, not at every scrape")
    }
}
