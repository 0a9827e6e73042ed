import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchStore
@testable import EcobenchReport
@testable import EcobenchRun
@testable import EcobenchKubernetes

/// The runner's per-pod attribution wiring: the stand-in API server (no real one can run here)
/// lists pods with fixed UIDs on two nodes; node energy and pod CPU come from the FAKE sources
/// in EcobenchTestSupport (`FakePhasePowerSource`, `FakePodCPUSource`), so every figure can be
/// worked out by hand from their rates and the phases' durations.
@Suite(.serialized) struct KubernetesPodAttributionTests {
    static let web0 = "11111111-1111-1111-1111-111111111111"
    static let web1 = "22222222-2222-2222-2222-222222222222"
    static let load = "33333333-3333-3333-3333-333333333333"

    static let power = FakePhasePowerSource(watts: [
        "node-a": ["baseline": 100, "idle": 120, "load": 160, "cooldown": 110],
        "node-b": ["baseline": 50, "idle": 60, "load": 90, "cooldown": 55],
    ])
    // The first run in a fresh store is run 1: its namespace is ecobench-1-r1. The load pod is
    // known by namespace and name only (as cAdvisor series without `id`); `other` is not ours.
    static let cpu = FakePodCPUSource(pods: [
        .init(uid: web0, node: "node-a", cpuPerSecond: 0.5),
        .init(uid: web1, node: "node-b", cpuPerSecond: 0.4),
        .init(namespace: "ecobench-1-r1", name: "load-00000", uid: "", node: "node-a", cpuPerSecond: 0.25),
        .init(namespace: "kube-system", name: "other", uid: "44444444-4444-4444-4444-444444444444", node: "node-a",
              cpuPerSecond: 0.1),
    ], busyPerSecond: ["node-a": 1.0, "node-b": 0.8], baselineBusyPerSecond: ["node-a": 0.1, "node-b": 0.2])

    func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) <= 1e-6 * max(1, abs(b)) } ?? false }

    @Test func podsGetTheirCPUShareOfTheirNodesDynamicEnergyAndTheApplicationIsTheirSum() throws {
        let dir = try TemporaryDirectory("ecobench-k8s-pods")
        defer { dir.remove() }
        let server = try KubernetesStandIn(folder: dir.path, jobLog: KubernetesWorkloadFixture.jobLog,
                                           podUIDs: ["web-00000": Self.web0, "web-00001": Self.web1,
                                                     "load-00000": Self.load])
        defer { server.stop() }
        let workload = try KubernetesWorkloadFixture.write(in: dir.path, readyTimeoutSeconds: 3)
        let endpoint = try Kubeconfig.load(file: try server.writeKubeconfig(user: .token("test-token"))).resolve(context: nil)
        var config = KubernetesRunConfiguration(spec: try WorkloadParser.parse(fileAtPath: workload), workloadYAML: "",
                                                endpoint: endpoint, energySources: [Self.power],
                                                carbon: .userSupplied(400), outputDirectory: dir.path + "/out")
        config.podCPUSources = [Self.cpu]
        config.pollSeconds = 0.05
        config.teardownTimeoutSeconds = 10
        let store = try RunStore(path: dir.path + "/db.sqlite")
        let outcome = try KubernetesRunner(config: config, store: store, stop: StopSignal(),
                                           progress: ProgressReporter(mode: .quiet)).run()
        #expect(outcome.status == .completed, "\(outcome.error ?? "") \(outcome.reportError ?? "")")
        let id = try #require(outcome.runID)
        #expect(id == 1)
        let report = try #require(outcome.report)
        let section = try #require(report.kubernetes)
        let loadPhase = try #require(report.phases.first { $0.name == .load })
        let t = loadPhase.durationS
        let pods = try #require(section.pods).filter { $0.phase == "load" }
        #expect(Set(pods.map(\.pod)) == ["web-00000", "web-00001", "load-00000"], "\(pods)")
        let web0 = try #require(pods.first { $0.uid == Self.web0 })
        let web1 = try #require(pods.first { $0.uid == Self.web1 })
        let generator = try #require(pods.first { $0.pod == "load-00000" })
        // Policy none: pod = (load power − baseline power) × T × cpu / (busy − background), the
        // background being the baseline's busy rate × T: node-a 1.0 − 0.1 = 0.9 CPU-s/s, node-b
        // 0.8 − 0.2 = 0.6. web0 0.5 / 0.9 = 5/9 of 60 W; web1 0.4 / 0.6 = 2/3 of 40 W; the load
        // generator 0.25 / 0.9 = 5/18 of 60 W.
        #expect(close(web0.share, 5.0 / 9) && close(web0.attributedEnergyJ, 60 * t * 5 / 9), "\(web0)")
        #expect(close(web1.share, 2.0 / 3) && close(web1.attributedEnergyJ, 40 * t * 2 / 3), "\(web1)")
        #expect(generator.uid == Self.load && generator.role == .loadGenerator && generator.app == nil)
        #expect(close(generator.attributedEnergyJ, 60 * t * 5 / 18))
        #expect(web0.role == .application && web0.app == "web" && web0.node == "node-a")
        #expect(close(web0.cpuSeconds, 0.5 * t))
        // Per node: attributed + unattributed = node energy; application + generator = attributed.
        let rows = try #require(section.nodeAttribution)
        #expect(Set(rows.map(\.phase)) == ["idle", "load", "cooldown"])
        for row in rows {
            #expect(close(row.attributedEnergyJ + row.unattributedEnergyJ, row.energyJ), "\(row)")
            #expect(close(row.applicationEnergyJ + row.loadGeneratorEnergyJ, row.attributedEnergyJ), "\(row)")
            let said = section.nodeEnergy.first { $0.node == row.node && $0.phase == row.phase }?.energyJ
            #expect(close(said, row.energyJ))
        }
        let nodeA = try #require(rows.first { $0.node == "node-a" && $0.phase == "load" })
        // node-a: 160 W × T less web0's 60 × 5/9 and the generator's 60 × 5/18 W × T (= 50 W × T).
        #expect(close(nodeA.idlePowerW, 100) && close(nodeA.unattributedEnergyJ, 160 * t - 50 * t))
        // The phase and the application carry the application pods, not the load generator:
        // web0 60 × 5/9 + web1 40 × 2/3 = 33.33 + 26.67 = 60 W × T.
        #expect(close(loadPhase.workloadEnergyJ, 60 * t), "\(loadPhase.workloadEnergyJ) vs \(60 * t)")
        #expect(close(loadPhase.workloadCpuSeconds, 0.9 * t) && close(loadPhase.nodeBusyCpuSeconds, 1.8 * t))
        #expect(close(loadPhase.workloadEnergyJ + loadPhase.unattributedEnergyJ, loadPhase.energyJ))
        let attributed = report.phases.reduce(0) { $0 + $1.workloadEnergyJ }
        #expect(close(report.totals.attributedEnergyJ, attributed))
        #expect(close(report.totals.attributedEnergyJ + report.totals.unattributedEnergyJ, report.totals.nodeEnergyJ))
        #expect(report.notes.contains { $0.contains("sum over its pods") })

        // `ecobench report --idle-policy proportional` recomputes from what was stored:
        // pod = node energy × share.
        let again = try ReportBuilder(store: store).build(runID: id, options: ReportOptions(idlePolicy: .proportional))
        let web0Again = try #require(again.kubernetes?.pods?.first { $0.uid == Self.web0 && $0.phase == "load" })
        #expect(close(web0Again.attributedEnergyJ, 160 * t * 5 / 9), "\(web0Again)")
        let loadAgain = try #require(again.phases.first { $0.name == .load })
        #expect(close(loadAgain.workloadEnergyJ, (160 * 5 / 9 + 90 * 2 / 3) * t))
        // The stored section keeps the inputs.
        let stored = try #require(try store.kubernetes(runID: id))
        #expect(stored.pods?.count == section.pods?.count && stored.nodeBusyCpu?.isEmpty == false)
        #expect(stored.podCpuSources == ["fake pod CPU (test)"])
        // The report with pods matches Reports/schema/report.schema.json.
        let validation = try CLI.validateReport(dir.path + "/out/run-\(id)/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")
    }
}
