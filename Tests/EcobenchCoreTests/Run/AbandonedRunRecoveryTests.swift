import EcobenchCore
@testable import EcobenchModel
@testable import EcobenchCollect
@testable import EcobenchStore
@testable import EcobenchReport
@testable import EcobenchRun
import EcobenchTestSupport
import Foundation
import Testing

/// After a kill -9: abandoned runs are marked interrupted, phases closed after the last flushed
/// sample are reopened, and leftover `ecobench-<pid>-<ns>` cgroups of dead processes go; nothing
/// else is touched (other names, live processes).
struct AbandonedRunRecoveryTests {
    @Test func orphanCgroupsOfDeadProcessesAreRemovedAndNothingElse() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let root = dir.path + "/cgroup"
        let names = ["ecobench-111-5", "ecobench-222-6", "ecobench-bench-perf", "other-111-5"]
        for name in names {
            try FileManager.default.createDirectory(atPath: root + "/unified/" + name, withIntermediateDirectories: true)
        }
        let store = try RunStore(path: dir.path + "/e.db")
        let outcome = try AbandonedRunRecovery.recover(store: store, cgroupRoot: root, isAlive: { $0 == 222 })
        #expect(outcome.removedCgroups == [root + "/unified/ecobench-111-5"])
        let left = try FileManager.default.contentsOfDirectory(atPath: root + "/unified").sorted()
        #expect(left == ["ecobench-222-6", "ecobench-bench-perf", "other-111-5"])
    }

    @Test func anAbandonedRunIsInterruptedAndItsUnsampledPhaseReopened() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        let settings = RunSettings(
            description: "d", phaseDurations: PhaseDurations(baselineS: 1, idleS: 1, loadS: 1, cooldownS: 1),
            repetitions: 1, intervalS: 0.1, idlePolicy: .none, carbon: .userSupplied(100), cpuTdpWatts: nil,
            sysfsRoot: "/sys", procRoot: "/proc", workloadTracking: "cgroup v2 \(dir.path)/gone/ecobench-1-2")
        let id = try store.createRun(NewRun(
            workload: "w", workloadFile: "w.yaml", workloadYAML: "", functionalUnit: "op", startedAt: "t0",
            clockStartUnixNanoseconds: 0, intervalNanoseconds: 100_000_000,
            settingsJSON: try ReportCoding.encodeString(settings),
            hostJSON: try ReportCoding.encodeString(ReportHost(hostname: "h", cpuModel: "c", logicalCpus: 2, sockets: 1,
                                                               memoryBytes: 1, kernel: "k", os: "o")), pid: 999_999, ecobenchVersion: "x"))
        let channel = SourceDescriptor(name: "c", kind: .measured, unit: "J", semantics: .counter, scope: .node,
                                       path: "p", energyRole: .platform)
        let ids = try store.registerSources(runID: id, [channel])
        var batch = SampleBatch(sourceIDs: ids)
        for t in stride(from: Int64(0), through: 1_500_000_000, by: 100_000_000) {
            [Double(t) / 1e9].withUnsafeBufferPointer { batch.append(timeNanoseconds: t, values: $0) }
        }
        try store.write(batch)
        let baseline = try store.beginPhase(runID: id, repetition: 1, name: .baseline, startNanoseconds: 0)
        try store.endPhase(id: baseline, endNanoseconds: 1_000_000_000, functionalUnits: nil)
        // Closed at 2 s, but the samples after 1.5 s were never flushed.
        let idle = try store.beginPhase(runID: id, repetition: 1, name: .idle, startNanoseconds: 1_000_000_000)
        try store.endPhase(id: idle, endNanoseconds: 2_000_000_000, functionalUnits: nil)

        let outcome = try AbandonedRunRecovery.recover(store: store, cgroupRoot: dir.path + "/none", isAlive: { _ in false })
        #expect(outcome.markedRuns == 1)
        #expect(try store.run(id: id)?.status == .interrupted)
        let phases = try store.phases(runID: id)
        #expect(phases.first { $0.name == .baseline }?.endNanoseconds == 1_000_000_000)
        #expect(phases.first { $0.name == .idle }?.endNanoseconds == nil)
        let report = try ReportBuilder(store: store).build(runID: id)
        #expect(report.run.partial && report.phases.map(\.name) == [.baseline])
    }
}
