import EcobenchCore
import EcobenchTestSupport
import Testing

@Suite struct ReportQualityTests {
    func report(loadPowers: [Double]) throws -> Report {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: loadPowers.map { p in
            [.init(.baseline, seconds: 2, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
             .init(.load, seconds: 4, powerWatts: p, busyCPUPerSecond: 1, workloadCPUPerSecond: 1, functionalUnits: 100)]
        })
        return try ReportBuilder(store: store).build(runID: id)
    }

    @Test func agreeingRepetitionsAreNotFlagged() throws {
        let quality = try #require(try report(loadPowers: [60, 60.2, 59.9, 60.1]).quality)
        #expect(quality.flagged == false)
        #expect((quality.energyPerUnitRsd ?? 1) < 0.03)
    }

    @Test func spreadAboveThreePercentIsFlaggedWithASuggestion() throws {
        let report = try report(loadPowers: [60, 70, 55, 65])
        let quality = try #require(report.quality)
        #expect(quality.flagged)
        #expect(quality.suggestion?.contains("more repetitions") == true)
        #expect(report.notes.contains { $0.hasPrefix("flag: energy per unit varies") })
    }

    @Test func anOutlierRepetitionIsNamed() throws {
        // Per unit (P − 20) × 4 / 100: 1.6, 1.604, 1.596, 1.6, 1.602 and 3.2 for repetition 6.
        let quality = try #require(try report(loadPowers: [60, 60.1, 59.9, 60, 60.05, 100]).quality)
        #expect(quality.outlierRepetitions == [6])
        #expect(quality.flagged)
    }
}
