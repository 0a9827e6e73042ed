import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The attribute step on a stored run (Tests/EcobenchCoreTests/testdata/stored-runs, run 2: a
/// scripted RAPL zone read at 100 ms): each phase's node energy is its counter's growth between
/// the phase's boundary ticks, read here straight from the stored samples.
@Suite struct StoredRunAttributionTests {
    @Test func eachPhaseGetsItsCountersGrowthBetweenItsBoundaryTicks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/runs.db"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Tests/EcobenchCoreTests/testdata/stored-runs/runs.db",
                                         toPath: path)
        let store = try RunStore(path: path)
        let windows = try StoredRunAttribution.completedWindows(store: store, runID: 2)
        #expect(windows.map(\.name) == [.baseline, .idle, .load, .cooldown])
        let attribution = try #require(try StoredRunAttribution(store: store, runID: 2, windows: windows, idlePolicy: .none,
                                                                reservedShare: 1))
        #expect(attribution.selection.channels == ["rapl.package-0"])
        let source = try #require(try store.sources(runID: 2).first { $0.descriptor.name == "rapl.package-0" })
        var joules: [Int64: Double] = [:]
        try store.forEachSample(sourceID: source.id) { t, value in joules[t] = value }
        #expect(attribution.phases.count == windows.count)
        for (window, phase) in zip(windows, attribution.phases) {
            let start = try #require(joules[window.startNanoseconds], "no tick at the start of \(window.name)")
            let end = try #require(joules[window.endNanoseconds], "no tick at the end of \(window.name)")
            #expect(abs(phase.nodeEnergyJoules - (end - start)) <= 1e-9 * max(1, end - start),
                    "\(window.name): \(phase.nodeEnergyJoules) J, samples say \(end - start) J")
        }
    }
}
