import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// An agent whose clock is 3 s ahead and runs 30 % fast (ECOBENCH_AGENT_TEST_CLOCK="3,300000",
/// far beyond a real clock so that ignoring the drift is visible beyond the tolerance): its phase
/// windows are asked with the offset interpolated between the start alignment and the one taken
/// before each pull, so each phase still holds the fixture's energy. Asked with the start offset
/// only, a window of L controller seconds would span L ÷ 1.3 true seconds: 23 % short.
@Suite(.serialized) struct MultiNodeClockDriftTests {
    @Test func anAgentWithOffsetAndDriftGivesTheFixturesEnergy() throws {
        try Exclusive.run {
            let harness = try MultiNodeHarness()
            defer { harness.tearDown() }
            let url = try harness.startAgent("drift", watts: 20, clock: "3,300000")
            let result = try CLI.run(try harness.runArguments(try harness.workload(repetitions: 2), agents: ["drift": url]))
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let report = try harness.report()
            let node = try #require(report.cluster?.nodes.first)
            // 3 s plus 30 % of the time since the agent started: more than 3 s, flagged (> 1 s).
            let start = try #require(node.clockOffsetMs)
            let end = try #require(node.clockOffsetEndMs)
            #expect(start > 3000 && end > start, "offsets \(start) → \(end) ms")
            #expect(node.flags.contains { $0.contains("clock off by") }, "\(node.flags)")
            #expect(node.phases.count == 8)
            for phase in node.phases {
                // The fixture: 20 W × the phase's duration on the controller's clock.
                let expected = 20 * phase.durationS
                #expect(abs(phase.energyJ - expected) <= MultiNodeTests.tolerance(watts: 20, seconds: phase.durationS),
                        "\(phase.name) \(phase.repetition): \(phase.energyJ) J, fixture \(expected) J")
                #expect(phase.coverage > 0.99, "\(phase.name) coverage \(phase.coverage)")
            }
        }
    }
}
