import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --target kubernetes --agent …` against an agent whose clock is 3 s ahead and runs
/// 30 % fast (ECOBENCH_AGENT_TEST_CLOCK="3,300000", as in MultiNodeClockDriftTests) over a RAPL
/// fixture advancing at a constant 20 W. The API server is `Tests/tools/k8s_standin.py`.
///
/// Truth: 20 W × each phase's duration on the controller's clock (the fixture's power is constant,
/// so only a window's length on the true time line matters, not where it lies).
///
/// Without the drift (the start offset alone, as the Kubernetes target did before): the agent's
/// clock reads A(t) = t + 3 s + 0.3 × (t − t_agent_start), so a window [a, b] asked as
/// [a + o₀, b + o₀] spans (b − a) ÷ 1.3 true seconds: 20 W × d ÷ 1.3 = 0.769 × the truth. For the
/// 2 s baseline: 30.8 J against 40 J, 9.2 J off, beyond the tolerance of MultiNodeTests
/// (5 % + 0.1 s × 20 W = 2 J + 2 J = 4 J); for the load (the Job, 12 polls of 0.25 s plus its
/// creation: about 3.4 s): 20 × 3.4 ÷ 1.3 = 52.3 J vs 68 J, 15.7 J off > 1 × 3.4 + 2 = 5.4 J.
/// (Measured with the per-window realignment taken out: 9.2–9.3 J off on the 2 s phases,
/// 15.8–15.9 J on the load, as computed.)
/// With the drift (the clock measured again before each window is asked) each window is asked as
/// [a + o(a), b + o(b)], o interpolated between the start alignment and one taken just after b,
/// which for a constant drift is exact to within half a loopback round trip (< 1 ms).
@Suite(.serialized) struct KubernetesClockDriftTests {
    static let watts = 20.0

    @Test func aKubernetesRunReadsAnAgentWithOffsetAndDriftAtTheFixturesEnergy() throws {
        try Exclusive.run {
            let harness = try MultiNodeHarness()
            defer { harness.tearDown() }
            let dir = harness.directory.path
            let url = try harness.startAgent("drift", watts: Self.watts, clock: "3,300000")
            let server = try KubernetesStandIn(folder: dir, jobLog: KubernetesWorkloadFixture.jobLog, jobPolls: 12)
            defer { server.stop() }
            let workload = try KubernetesWorkloadFixture.write(in: dir, repetitions: 2,
                                                               phases: "{baseline_s: 2, idle_s: 2, load_s: 3, cooldown_s: 2}")
            let kubeconfig = try server.writeKubeconfig(user: .token("test-token"))
            let result = try CLI.run(KubernetesWorkloadFixture.runArguments(workload: workload, kubeconfig: kubeconfig, folder: dir)
                                      + ["--agent", "drift=\(url)"])
            #expect(result.status == 0, "\(result.stderr)")
            let path = dir + "/out/run-1/report.json"
            let validation = try CLI.validateReport(path)
            #expect(validation.status == 0, "\(validation.stdout)")
            let report = try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
            let section = try #require(report.kubernetes)
            #expect(report.phases.count == 8, "two repetitions × four phases")
            for phase in report.phases {
                let reading = try #require(section.nodeEnergy.first {
                    $0.node == "drift" && $0.phase == phase.name.rawValue && $0.repetition == phase.repetition
                }, "\(phase.name) \(phase.repetition) in \(section.nodeEnergy)")
                let truth = Self.watts * phase.durationS
                let tolerance = MultiNodeTests.tolerance(watts: Self.watts, seconds: phase.durationS)
                #expect(abs(reading.energyJ - truth) <= tolerance,
                        "\(phase.name) \(phase.repetition): \(reading.energyJ) J, truth \(truth) J ± \(tolerance) J")
                // The start offset alone would give truth ÷ 1.3: check that lies outside the bound.
                #expect(abs(truth / 1.3 - truth) > tolerance, "the phase is too short to tell the drift apart")
                #expect(reading.coverage > 0.99, "\(phase.name) \(phase.repetition) coverage \(reading.coverage)")
            }
            // The clocks are stored as a local run's: start and end; the end offset has grown by
            // 30 % of the time between (at least the phases' total duration).
            let clocks = try #require(section.nodeClocks)
            let start = try #require(clocks.first { $0.node == "drift" && $0.moment == "start" }?.offsetMs)
            let end = try #require(clocks.first { $0.node == "drift" && $0.moment == "end" }?.offsetMs)
            let phasesMs = report.phases.reduce(0) { $0 + $1.durationS } * 1000
            #expect(start > 3000, "start offset \(start) ms")
            #expect(end - start >= 0.3 * phasesMs - 50, "offsets \(start) → \(end) ms over \(phasesMs) ms of phases")
            #expect(report.notes.contains { $0.contains("ppm applied linearly") }, "\(report.notes)")
        }
    }
}
