import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A sweep and its levels go into the store and come back unchanged (migration 11).
@Suite("Sweeps: stored and read back")
struct SweepStoreTests {
    func run(_ store: RunStore) throws -> Int64 {
        try SyntheticRun.write(into: store, repetitions: [[
            .init(.load, seconds: 0.3, powerWatts: 10, busyCPUPerSecond: 1, workloadCPUPerSecond: 1, functionalUnits: 3),
        ]])
    }

    @Test func roundTrip() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        let calibration = try run(store)
        let full = try run(store), half = try run(store), idle = try run(store)
        let id = try store.createSweep(workload: "nginx-static", levelsPercent: [100, 50, 0], calibrationRunID: calibration,
                                       maxThroughputPerSecond: 2000, sloP99Milliseconds: 25,
                                       createdAt: "2026-12-06T11:00:00Z")
        // Stored out of order on purpose: they come back highest level first.
        let idleLevel = SweepLevelRecord(sweepID: id, levelPercent: 0, offeredRatePerSecond: nil, runID: idle,
                                         achievedRatePerSecond: nil, saturated: false)
        let halfLevel = SweepLevelRecord(sweepID: id, levelPercent: 50, offeredRatePerSecond: 1000, runID: half,
                                         achievedRatePerSecond: 998.5, latencyP50Milliseconds: 1.5,
                                         latencyP95Milliseconds: 4, latencyP99Milliseconds: 9.25, saturated: false)
        let fullLevel = SweepLevelRecord(sweepID: id, levelPercent: 100, offeredRatePerSecond: 2000, runID: full,
                                         achievedRatePerSecond: 1800, latencyP50Milliseconds: 3,
                                         latencyP95Milliseconds: 20, latencyP99Milliseconds: 41, saturated: true)
        try store.addSweepLevel(idleLevel)
        try store.addSweepLevel(fullLevel)
        try store.addSweepLevel(halfLevel)
        let expected = SweepRecord(id: id, workload: "nginx-static", levelsPercent: [100, 50, 0],
                                   calibrationRunID: calibration, maxThroughputPerSecond: 2000, sloP99Milliseconds: 25,
                                   createdAt: "2026-12-06T11:00:00Z", levels: [fullLevel, halfLevel, idleLevel])
        #expect(try store.sweep(id: id) == expected)
        #expect(try RunStore(path: dir.path + "/e.db").sweeps() == [expected])
        #expect(try store.sweep(id: id + 1) == nil)

        // A level stored again replaces the earlier row.
        var rerun = halfLevel
        rerun.achievedRatePerSecond = 1001
        try store.addSweepLevel(rerun)
        #expect(try store.sweep(id: id)?.levels == [fullLevel, rerun, idleLevel])

        // Deleting a level's run removes the level; deleting the calibration run keeps the sweep.
        try store.deleteRun(id: idle)
        try store.deleteRun(id: calibration)
        let after = try #require(try store.sweep(id: id))
        #expect(after.levels == [fullLevel, rerun])
        #expect(after.calibrationRunID == nil)
        #expect(after.maxThroughputPerSecond == 2000)
    }

    @Test func aLevelNeedsAnExistingSweepAndRun() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        let runID = try run(store)
        #expect(throws: SQLiteError.self) {
            try store.addSweepLevel(SweepLevelRecord(sweepID: 42, levelPercent: 10, offeredRatePerSecond: 1,
                                                     runID: runID, achievedRatePerSecond: 1, saturated: false))
        }
        let id = try store.createSweep(workload: "w", levelsPercent: [10], calibrationRunID: nil,
                                       maxThroughputPerSecond: nil, sloP99Milliseconds: nil)
        #expect(throws: SQLiteError.self) {
            try store.addSweepLevel(SweepLevelRecord(sweepID: id, levelPercent: 10, offeredRatePerSecond: 1,
                                                     runID: runID + 99, achievedRatePerSecond: 1, saturated: false))
        }
        #expect(try store.sweep(id: id)?.levels == [])
    }
}
