import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Issue 14: an agent whose cgroup root holds no kubepods tree (the container's own cgroups when
/// the DaemonSet did not pass the host's tree) says so at start, naming the root; with the tree
/// there it does not.
@Suite struct AgentCgroupRootWarningTests {
    @Test func anAgentWithoutAKubepodsTreeWarnsAtStart() throws {
        let harness = try AgentHarness()
        let dir = harness.directory.path
        let zone = try harness.raplFixture("sys", energyMicrojoules: 1_000_000)
        let withPods = dir + "/with-pods"
        try FileManager.default.createDirectory(atPath: withPods + "/kubepods", withIntermediateDirectories: true)
        try "cpu io memory\n".write(toFile: withPods + "/cgroup.controllers", atomically: false, encoding: .utf8)
        let empty = dir + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
        for (root, warns) in [(empty, true), (withPods, false)] {
            let port = try AgentHarness.freePort()
            let agent = try CLI.start(["agent", "--sysfs-root", zone.root, "--no-hwmon", "--no-nvml",
                                       "--listen", "127.0.0.1:\(port)", "--buffer", dir + "/b-\(port).db",
                                       "--cgroup-root", root])
            #expect(AgentHarness.waitUntilServing("http://127.0.0.1:\(port)/clock", token: nil, seconds: 20))
            kill(agent.process.processIdentifier, SIGKILL)
            let result = agent.finish()
            let warning = "warning: no kubepods tree under the cgroup root \(root) "
            #expect(result.stderr.contains(warning) == warns, "\(root): \(result.stderr)")
        }
    }
}
