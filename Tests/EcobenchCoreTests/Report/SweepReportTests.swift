import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A sweep over three synthetic level runs (Store API, no workload run): each level's node power
/// from its load phases, the summary through `SweepCurve`, and the JSON valid against
/// Reports/schema/sweep.schema.json; expectations by hand.
@Suite("Sweeps: report from stored levels")
struct SweepReportTests {
    static func load(_ watts: Double, units: Double?) -> [SyntheticRun.Phase] {
        [.init(.load, seconds: 2, powerWatts: watts, busyCPUPerSecond: 1, workloadCPUPerSecond: 0.5, functionalUnits: units)]
    }

    /// Levels 100 % (2 × 2 s at 30 W and 34 W, 200 units each: 100/s), 50 % (2 × 2 s at 20 W, 100 units each:
    /// 50/s) and active idle (2 × 2 s at 10 W); meter r = 2 %, p99 30 / 10 ms, SLO 20 ms.
    static func store(_ dir: TemporaryDirectory) throws -> (RunStore, Int64) {
        let store = try RunStore(path: dir.path + "/e.db")
        func run(_ reps: [[SyntheticRun.Phase]]) throws -> Int64 {
            try SyntheticRun.write(into: store, repetitions: reps, energySourceRelativeUncertainty: 0.02)
        }
        let full = try run([load(30, units: 200), load(34, units: 200)])
        let half = try run([load(20, units: 100), load(20, units: 100)])
        let idle = try run([load(10, units: nil), load(10, units: nil)])
        let id = try store.createSweep(workload: "synthetic", levelsPercent: [100, 50, 0], calibrationRunID: full,
                                       maxThroughputPerSecond: 100, sloP99Milliseconds: 20, createdAt: "2026-12-06T11:00:00Z")
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 100, offeredRatePerSecond: 100, runID: full,
                                      achievedRatePerSecond: 100, latencyP50Milliseconds: 5, latencyP95Milliseconds: 20,
                                      latencyP99Milliseconds: 30, saturated: false))
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 50, offeredRatePerSecond: 50, runID: half,
                                      achievedRatePerSecond: 50, latencyP50Milliseconds: 2, latencyP95Milliseconds: 6,
                                      latencyP99Milliseconds: 10, saturated: false))
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 0, offeredRatePerSecond: nil, runID: idle,
                                      achievedRatePerSecond: nil, saturated: false))
        return (store, id)
    }

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-6) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func levelsAndSummaryByHand() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try Self.store(dir)
        let report = try SweepReportBuilder(store: store).build(sweepID: id, utilisation: 0.3)
        #expect(report.levels.map(\.levelPercent) == [100, 50, 0])
        let (full, half, idle) = (report.levels[0], report.levels[1], report.levels[2])
        // Node power = Σ E / Σ t: (30·2 + 34·2) / 4 = 32 W; 20 W; 10 W.
        #expect(Self.close(full.nodePowerW, 32) && Self.close(half.nodePowerW, 20) && Self.close(idle.nodePowerW, 10))
        // Repetition spread of 30 and 34 W: sd 2√2, standard error 2√2/√2 = 2 W; the window integral adds
        // its own figure in quadrature (so at least 2 W); the equal repetitions at 20 W add no spread.
        #expect(full.nodePowerRandomUncertaintyW >= 2 - 1e-9)
        #expect(Self.close(full.nodePowerSystematicUncertaintyW, 0.02 * 32))
        // Node energy per unit: 32 W / 100 per s = 0.32 J; 20 / 50 = 0.4 J; none at idle.
        #expect(Self.close(full.nodeEnergyPerUnitJ, 0.32) && Self.close(half.nodeEnergyPerUnitJ, 0.4))
        #expect(idle.nodeEnergyPerUnitJ == nil && idle.utilisation == 0 && Self.close(half.utilisation, 0.5))
        // CPU: 1 busy CPU-second per second on 2 logical CPUs = 0.5.
        #expect(Self.close(full.cpuUtilisation, 0.5))
        #expect(full.workloadEnergyPerUnitJ != nil && full.repetitions == 2)

        let s = report.summary
        // Σ T / Σ P = (100 + 50 + 0) / (32 + 20 + 10) = 150/62.
        #expect(Self.close(s.overallUnitsPerJoule?.value, 150.0 / 62))
        // idle ÷ peak = 10/32 = 0.3125.
        #expect(Self.close(s.idleToPeakPowerRatio?.value, 0.3125))
        // p = 10/32, 20/32, 1 at u = 0, 0.5, 1: A = 0.25·0.3125 + 0.5·0.625 + 0.25·1 = 0.640625; D = 0.28125.
        #expect(Self.close(s.proportionalityGap?.value, 0.28125) && Self.close(s.energyProportionality?.value, 0.71875))
        // SLO 20 ms: only 50 % qualifies: 50/20 = 2.5 units/J.
        #expect(s.mostEfficientLevel?.levelPercent == 50 && Self.close(s.mostEfficientLevel?.unitsPerJoule.value, 2.5))
        // U = 0.3: 0.4·10 + 0.6·20 = 16 W; × 8766 h = 140.256 kWh.
        #expect(Self.close(s.yearly?.nodePowerW.value, 16) && Self.close(s.yearly?.energyKwh.value, 140.256))
        #expect(report.nodeEnergy.kind == .measured && Self.close(report.nodeEnergy.relativeUncertainty, 0.02))
    }

    @Test func writesJSONValidAgainstItsSchemaCSVAndHTMLWithTheSLOLine() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try Self.store(dir)
        let report = try SweepReportBuilder(store: store).build(sweepID: id)
        let files = try ReportWriter(store: store).writeSweep(report, to: dir.path + "/sweep")
        #expect(files.map { ($0 as NSString).lastPathComponent } == ["sweep.json", "sweep.csv", "sweep.html"])
        let validation = try CLI.validateReport(files[0], schema: "sweep.schema.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let decoded = try ReportCoding.decoder().decode(SweepReport.self, from: Data(contentsOf: URL(fileURLWithPath: files[0])))
        #expect(decoded.levels.count == 3 && decoded.sweep.sloP99Ms == 20)
        let csv = try String(contentsOfFile: files[1], encoding: .utf8).split(separator: "\n")
        #expect(csv.count == 4 && csv[0].hasPrefix("sweep_id,level_percent,run_id"))
        let html = try String(contentsOfFile: files[2], encoding: .utf8)
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("class=\"slo\"") && html.contains("SLO p99 20 ms"))
    }

    @Test func anUnknownSweepIsAClearError() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        #expect(throws: SweepReportError.sweepNotFound(7, database: dir.path + "/e.db")) {
            try SweepReportBuilder(store: store).build(sweepID: 7)
        }
    }
}
