import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct RunStoreTests {
    @Test func migratesAndKeepsSamplesAndGaps() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/nested/dir/e.db"
        let store = try RunStore(path: path)
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0, workloadCPUPerSecond: 0),
        ]])
        let source = try #require(try store.sources(runID: id).first)
        var batch = SampleBatch(sourceIDs: [source.id])
        [Double.nan].withUnsafeBufferPointer { batch.append(timeNanoseconds: 5_000_000_000, values: $0) }
        try store.insert(batch)
        var values: [Double] = []
        try store.forEachSample(sourceID: source.id) { _, v in values.append(v) }
        #expect(values.count == 12)
        #expect(values.last!.isNaN)
        // A gap is skipped when bracketing.
        let around = try store.bracketingSamples(sourceID: source.id, at: 5_000_000_000)
        #expect(around.after == nil)
        #expect(around.before?.value == 10)
        // Reopening applies no migration twice and sees the same data.
        let reopened = try RunStore(path: path)
        #expect(try reopened.runs().count == 1)
        #expect(try reopened.sampleCount(runID: id) == 3 * 11 + 1)  // 3 channels × 11 ticks + the gap
    }

    @Test func abandonedRunsAreMarkedInterrupted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        let id = try store.createRun(NewRun(
            workload: "w", workloadFile: "w.yaml", workloadYAML: "", functionalUnit: "request",
            startedAt: "2026-01-01T00:00:00Z", clockStartUnixNanoseconds: 0, intervalNanoseconds: 1,
            settingsJSON: "{}", hostJSON: "{}", pid: 999_999, ecobenchVersion: "test"))
        #expect(try store.markAbandonedRuns(isAlive: { _ in false }) == 1)
        #expect(try store.run(id: id)?.status == .interrupted)
    }

    @Test func defaultPathFollowsEnvironment() {
        #expect(RunStore.defaultPath(environment: ["ECOBENCH_DB": "/x/y.db"]) == "/x/y.db")
        #expect(RunStore.defaultPath(environment: ["HOME": "/home/u"]) == "/home/u/.local/share/ecobench/ecobench.db")
    }
}
