import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The operator's Prometheus rules for per-VM energy (Workloads/ecobench-agent/hypervisor,
/// docs/scs-operators.md) under the real `promtool` (Debian `prometheus`): the rule file loads, and
/// `promtool test rules` joins each VM's series to its OpenStack project on series written by hand
/// (expected joules in the test file, by hand); a guest Nova does not know gets no project.
@Suite struct HypervisorRulesTests {
    static let promtool = "/usr/bin/promtool"
    static let directory = CLI.packageRoot + "/Workloads/ecobench-agent/hypervisor"

    func promtool(_ arguments: [String]) throws -> CLI.Result {
        try #require(FileManager.default.isExecutableFile(atPath: Self.promtool), "install the Debian package prometheus (promtool)")
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: Self.promtool)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: Self.directory)
        return try CLI.capture(process)
    }

    @Test func theRuleFileLoads() throws {
        let result = try promtool(["check", "rules", "vm-energy.rules.yml"])
        #expect(result.status == 0 && result.stdout.contains("SUCCESS: 2 rules found"), "\(result.stdout)\(result.stderr)")
    }

    @Test func eachVMIsLabelledWithItsProjectAndAnUnknownGuestWithNone() throws {
        let result = try promtool(["test", "rules", "vm-energy.rules.test.yml"])
        #expect(result.status == 0 && result.stdout.contains("SUCCESS"), "\(result.stdout)\(result.stderr)")
    }
}
