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
            try SyntheticRun.write(into: store, repetitions: reps, energySourceRelativeUncertainty: 0.02, totalCPUPerSecond: 2)
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
        // CPU: 1 busy CPU-second per second of /proc/stat's 2 CPU-seconds per second (2 logical CPUs) = 0.5.
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

/// `compare --by host` with a sweep per host: both groups carry group 1's maximum × U on their own
/// curves (idle floor included), worked by hand.
@Suite("Sweeps: rack density at equal offered load")
struct SweepRackDensityTests {
    static func sweep(_ store: RunStore, host: String, idleW: Double, fullW: Double, fullRate: Double) throws -> Int64 {
        func run(_ watts: Double, units: Double?) throws -> Int64 {
            try SyntheticRun.write(into: store, repetitions: [SweepReportTests.load(watts, units: units)],
                                   hostname: host, fingerprint: String(repeating: host == "a" ? "a" : "b", count: 64),
                                   energySourceRelativeUncertainty: 0.02)
        }
        let full = try run(fullW, units: fullRate * 2), idle = try run(idleW, units: nil)
        let id = try store.createSweep(workload: "synthetic", levelsPercent: [100, 0], calibrationRunID: full,
                                       maxThroughputPerSecond: fullRate, sloP99Milliseconds: nil)
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 100, offeredRatePerSecond: fullRate, runID: full,
                                      achievedRatePerSecond: fullRate, saturated: false))
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 0, offeredRatePerSecond: nil, runID: idle,
                                      achievedRatePerSecond: nil, saturated: false))
        return id
    }

    @Test func groupsUseTheirCurvesAtGroupOnesLoad() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        // Host a: idle 100 W, 1000 units/s at 300 W. Host b: idle 40 W, 2000 units/s at 400 W.
        let a = try Self.sweep(store, host: "a", idleW: 100, fullW: 300, fullRate: 1000)
        let b = try Self.sweep(store, host: "b", idleW: 40, fullW: 400, fullRate: 2000)
        let sweeps = try [a, b].map { try SweepReportBuilder(store: store).build(sweepID: $0) }
        let reports = try sweeps.flatMap { s in
            try s.levels.filter { $0.achievedRatePerS > 0 }.map { try ReportBuilder(store: store).build(runID: $0.runId) }
        }
        var options = RackDensity.Options()
        options.utilisation = 0.5
        options.rackUnits = [2, 1]
        options.sweeps = sweeps
        let density = try RackDensity.build(reports, options: options)
        let (ga, gb) = (density.groups[0], density.groups[1])
        // Offered load = 1000 × 0.5 = 500 units/s for both. a: u = 0.5, P = 100 + 0.5·200 = 200 W;
        // b: u = 500/2000 = 0.25, P = 40 + 0.25·360 = 130 W.
        #expect(abs((ga.sweep?.nodePowerW?.value ?? 0) - 200) < 1e-6 && abs((gb.sweep?.nodePowerW?.value ?? 0) - 130) < 1e-6)
        // Units per joule at that load: 500/200 = 2.5, 500/130 = 3.846…; per rack unit 1.25 and 3.846….
        #expect(abs((ga.sweep?.unitsPerJoule?.value ?? 0) - 2.5) < 1e-9)
        #expect(abs((gb.sweep?.unitsPerJoulePerRackUnit ?? 0) - 500.0 / 130) < 1e-9)
        // Yearly: 200 W × 8766 h = 1753.2 kWh (idle floor 100 W × 8766 h = 876.6 kWh); 130 W → 1139.58 kWh.
        #expect(abs(ga.yearlyKwh - 1753.2) < 1e-6 && abs(ga.yearlyIdleKwh - 876.6) < 1e-6)
        #expect(abs(gb.yearlyKwh - 1139.58) < 1e-6)
        #expect(abs(density.savings[0].kwh - (1753.2 - 1139.58)) < 1e-6)
        // u(P_a) = r·P = 0.02 × 200 = 4 W (one repetition each: no spread; the window integral's part is
        // the runs' own), so the yearly figure's u is at least 4 W × 8.766 = 35.064 kWh.
        #expect((ga.sweep?.yearlyKwh?.standardUncertainty ?? 0) >= 35.064 - 1e-6)
    }
}
