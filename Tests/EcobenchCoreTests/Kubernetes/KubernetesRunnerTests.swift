import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchStore
@testable import EcobenchCluster
@testable import EcobenchReport
@testable import EcobenchRun
@testable import EcobenchKubernetes

/// A node energy source that answers a fixed power per node (stand-in for agents/Prometheus,
/// which other code implements).
struct FixedPowerSource: NodeEnergySource {
    var label = "fixed (test)"
    var wattsPerNode: [String: Double]
    func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        wattsPerNode.sorted { $0.key < $1.key }.map {
            NodeEnergyReading(node: $0.key, source: "test \($0.key)", kind: .measured,
                              energyJoules: $0.value * window.durationSeconds, coverage: 1)
        }
    }
}

/// How often `RealigningSource.realignClocks` ran (the runner keeps its own copy of the source).
final class RealignCalls: @unchecked Sendable {  // touched by one runner thread at a time
    private let lock = NSLock()
    private var calls = 0
    var count: Int { lock.withLock { calls } }
    func add() { lock.withLock { calls += 1 } }
}

/// A fixed 10 W node whose clock was measured at 3 s (±1 ms) when it connected and never answers
/// again: each realignment gives a failure record.
struct RealigningSource: NodeEnergySource {
    let calls: RealignCalls
    var label: String { "realigning (test)" }
    func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        [NodeEnergyReading(node: "node-a", source: "test node-a", kind: .measured,
                           energyJoules: 10 * window.durationSeconds, coverage: 1)]
    }
    var startClockRecords: [NodeClockRecord] {
        [NodeClockRecord(node: "node-a", url: "http://node-a", moment: .start,
                         alignment: ClockAlignment(offsetNanoseconds: 3_000_000_000, roundTripNanoseconds: 2_000_000,
                                                   rounds: 5), error: nil)]
    }
    mutating func realignClocks(moment: NodeClockRecord.Moment) -> [NodeClockRecord] {
        calls.add()
        return [NodeClockRecord(node: "node-a", url: "http://node-a", moment: moment, alignment: nil,
                                error: "no answer (test)")]
    }
}

/// The runner against `Tests/tools/k8s_standin.py`, a stand-in for the Kubernetes API server:
/// no real API server can run in the test environment.
@Suite(.serialized) struct KubernetesRunnerTests {
    struct Setup {
        let dir: TemporaryDirectory
        let server: KubernetesStandIn
        let store: RunStore
        let config: KubernetesRunConfiguration
    }

    func setUp(scenarios: [String] = [], sources: [NodeEnergySource] = []) throws -> Setup {
        let dir = try TemporaryDirectory("ecobench-k8s-run")
        let server = try KubernetesStandIn(folder: dir.path, tokens: ["test-token"], scenarios: scenarios,
                                           jobLog: KubernetesWorkloadFixture.jobLog)
        let workload = try KubernetesWorkloadFixture.write(in: dir.path, readyTimeoutSeconds: 1.5)
        let spec = try WorkloadParser.parse(fileAtPath: workload)
        let endpoint = try Kubeconfig.load(file: try server.writeKubeconfig(user: .token("test-token"))).resolve(context: nil)
        var config = KubernetesRunConfiguration(spec: spec, workloadYAML: "", endpoint: endpoint, energySources: sources,
                                                carbon: .userSupplied(400), outputDirectory: dir.path + "/out")
        config.pollSeconds = 0.05
        config.teardownTimeoutSeconds = 10
        return Setup(dir: dir, server: server, store: try RunStore(path: dir.path + "/db.sqlite"), config: config)
    }

    func run(_ setup: Setup, stop: StopSignal = StopSignal()) throws -> RunOutcome {
        try KubernetesRunner(config: setup.config, store: setup.store, stop: stop,
                             progress: ProgressReporter(mode: .quiet)).run()
    }

    /// The namespace was created with the run's labels, deleted, and seen gone (404).
    func expectNamespaceCreatedAndDeleted(_ server: KubernetesStandIn, _ name: String) {
        let requests = server.requests()
        let created = requests.first { $0.method == "POST" && $0.kind == "Namespace" }
        #expect(created?.name == name)
        #expect(created?.labels["app.kubernetes.io/managed-by"] == "ecobench")
        #expect(created?.labels["ecobench.io/run"] != nil)
        #expect(requests.contains { $0.method == "DELETE" && $0.path == "/api/v1/namespaces/\(name)" && $0.status == 200 })
        #expect(requests.last { $0.path == "/api/v1/namespaces/\(name)" }?.status == 404)
    }

    @Test func happyPathCountsUnitsFromTheJobLogAndReportsClusterEnergy() throws {
        let setup = try setUp(sources: [FixedPowerSource(wattsPerNode: ["node-a": 100, "node-b": 50])])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .completed, "\(outcome.error ?? "") \(outcome.reportError ?? "")")
        let id = try #require(outcome.runID)
        let load = try setup.store.phases(runID: id).first { $0.name == .load }
        #expect(load?.functionalUnits == 1234)
        expectNamespaceCreatedAndDeleted(setup.server, "ecobench-\(id)-r1")
        let posted = setup.server.requests().filter { $0.method == "POST" }.compactMap(\.kind)
        #expect(posted == ["Namespace", "Deployment", "ConfigMap", "Service", "Job"])
        let report = try #require(outcome.report)
        let kubernetes = try #require(report.kubernetes)
        #expect(kubernetes.version == "v1.30.4")
        #expect(kubernetes.nodes.map(\.scsFlavor) == ["SCS-4V-16", "SCS-8V-32"])
        #expect(kubernetes.namespaces == [.init(repetition: 1, name: "ecobench-\(id)-r1", deleted: true)])
        #expect(kubernetes.nodeEnergyMeasured)
        // Cluster energy of each phase is the sum of what the source said for the nodes.
        for phase in report.phases {
            let said = kubernetes.nodeEnergy.filter { $0.phase == phase.name.rawValue && $0.repetition == phase.repetition }
                .reduce(0) { $0 + $1.energyJ }
            #expect(abs(phase.energyJ - said) < 1e-6 * max(1, said))
        }
        #expect(report.totals.nodeEnergyJ > 0)
        // `ecobench report` rebuilds the same figures from the store.
        let rebuilt = try ReportBuilder(store: setup.store).build(runID: id)
        #expect(rebuilt.totals.nodeEnergyJ == report.totals.nodeEnergyJ)
        #expect(rebuilt.kubernetes == kubernetes)
        // The report with its `kubernetes` section matches Reports/schema/report.schema.json.
        let validation = try CLI.validateReport(setup.dir.path + "/out/run-\(id)/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")
    }

    /// The clock hook every node energy source has (`NodeEnergySource.realignClocks`; agents measure
    /// their clocks there, the default does nothing): the runner calls it before asking each phase
    /// window and once after the run, stores the start and end records in its section and flags a
    /// failed alignment. One repetition: 4 windows + the end = 5 calls.
    @Test func clocksAreMeasuredBeforeEachWindowAndAfterTheRunAndAFailureIsFlagged() throws {
        let calls = RealignCalls()
        let source = RealigningSource(calls: calls)
        let setup = try setUp(sources: [source])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .completed, "\(outcome.error ?? "") \(outcome.reportError ?? "")")
        let id = try #require(outcome.runID)
        #expect(calls.count == 5)
        let section = try #require(try setup.store.kubernetes(runID: id))
        let clocks = try #require(section.nodeClocks)
        #expect(clocks.map(\.moment) == ["start", "end"])
        #expect(clocks.first?.offsetMs == 3000 && clocks.first?.rttMs == 2 && clocks.first?.rounds == 5)
        #expect(clocks.last?.offsetMs == nil && clocks.last?.error == "no answer (test)")
        let report = try #require(outcome.report)
        #expect(report.notes.contains("flag: agent node-a: clock not measured before reading baseline of repetition 1: "
                                      + "no answer (test); its windows keep the last alignment"), "\(report.notes)")
        #expect(report.notes.contains { $0.hasPrefix("flag: agent node-a: clock not measured after the run") })
    }

    @Test func withoutEnergySourcesNothingIsInventedAndTheReportSaysSo() throws {
        let setup = try setUp()
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .completed)
        let id = try #require(outcome.runID)
        #expect(outcome.report == nil)
        #expect(outcome.reportError?.contains("node energy is not measured for the cluster") == true)
        let section = try #require(try setup.store.kubernetes(runID: id))
        #expect(!section.nodeEnergyMeasured)
        #expect(section.nodeEnergy.isEmpty)
        #expect(section.notes.contains { $0.contains("node energy is NOT measured") })
        #expect(try setup.store.sources(runID: id).isEmpty)
        #expect(FileManager.default.fileExists(atPath: setup.dir.path + "/out/run-\(id)/kubernetes.json"))
    }

    @Test func readinessTimeoutShowsEventsAndDeletesTheNamespace() throws {
        let setup = try setUp(scenarios: ["never-ready"])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .failed)
        let error = outcome.error ?? ""
        #expect(error.contains("not ready within 1.5 s"), "\(error)")
        #expect(error.contains("Deployment web: 0/2 replicas ready"))
        #expect(error.contains("FailedScheduling"))
        let namespace = try #require(setup.server.requests().first { $0.kind == "Namespace" }?.name)
        expectNamespaceCreatedAndDeleted(setup.server, namespace)
    }

    @Test func failedPodStopsTheWaitWithItsReason() throws {
        let setup = try setUp(scenarios: ["failed-pod"])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .failed)
        #expect(outcome.error?.contains("CrashLoopBackOff") == true, "\(outcome.error ?? "")")
        #expect(outcome.error?.contains("Back-off restarting failed container") == true)
        let namespace = try #require(setup.server.requests().first { $0.kind == "Namespace" }?.name)
        expectNamespaceCreatedAndDeleted(setup.server, namespace)
    }

    @Test func rejectedManifestNamesFileObjectAndField() throws {
        let setup = try setUp(scenarios: ["reject-service"])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .failed)
        let error = outcome.error ?? ""
        #expect(error.contains("tiny/k8s/service.yaml"), "\(error)")
        #expect(error.contains("Service web"))
        #expect(error.contains("422"))
        #expect(error.contains("field spec.ports[0].port"))
        let namespace = try #require(setup.server.requests().first { $0.kind == "Namespace" }?.name)
        expectNamespaceCreatedAndDeleted(setup.server, namespace)
        #expect(!setup.server.requests().contains { $0.kind == "Job" })
    }

    @Test func failedLoadJobIsReportedWithEventsAndTornDown() throws {
        let setup = try setUp(scenarios: ["job-fails"])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try run(setup)
        #expect(outcome.status == .failed)
        #expect(outcome.error?.contains("load job load: failed: BackoffLimitExceeded") == true, "\(outcome.error ?? "")")
        let namespace = try #require(setup.server.requests().first { $0.kind == "Namespace" }?.name)
        expectNamespaceCreatedAndDeleted(setup.server, namespace)
    }

    @Test func stopDuringLoadDeletesTheNamespaceAndMarksTheRunInterrupted() throws {
        let setup = try setUp(scenarios: ["job-slow"])
        defer { setup.server.stop(); setup.dir.remove() }
        let stop = StopSignal()
        let server = setup.server
        DispatchQueue.global().async {
            // Ask to stop once the Job exists (the load phase is running).
            let deadline = Date(timeIntervalSinceNow: 20)
            while Date() < deadline && !server.requests().contains(where: { $0.kind == "Job" }) {
                Thread.sleep(forTimeInterval: 0.02)
            }
            stop.trigger("SIGINT")
        }
        let outcome = try run(setup, stop: stop)
        #expect(outcome.status == .interrupted)
        #expect(outcome.error == "interrupted by SIGINT")
        let namespace = try #require(setup.server.requests().first { $0.kind == "Namespace" }?.name)
        expectNamespaceCreatedAndDeleted(setup.server, namespace)
    }
}
