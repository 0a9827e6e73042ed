import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// SCI's O and M have one boundary: the reserved share RR/ToR of the host. O counts the workload's
/// dynamic energy plus that share of the idle (baseline) energy, M that share of the embodied
/// emissions, whatever idle policy the rest of the report uses. Water is per kWh of IT energy.
@Suite struct SCIBoundaryTests {
    /// Baseline 10 s at 20 W with no busy CPU; load 20 s at 60 W, all busy CPU the workload's
    /// (share 1, so no CPU-split rule matters); 1000 requests; 400 g/kWh (the synthetic run's).
    static func report(reservedShare: Double, pue: Double, idlePolicy: IdlePolicy? = nil) throws -> Report {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0, workloadCPUPerSecond: 0),
            .init(.load, seconds: 20, powerWatts: 60, busyCPUPerSecond: 1, workloadCPUPerSecond: 1, functionalUnits: 1000),
        ]])
        var impact = ImpactSettings()
        impact.pue = pue
        impact.embodiedKgCO2e = 1000
        impact.lifetimeYears = 4
        impact.reservedShare = reservedShare
        impact.allImpacts = true
        return try ReportBuilder(store: store).build(runID: id, options: ReportOptions(idlePolicy: idlePolicy, impact: impact))
    }

    @Test func quarterOfTheMachineChargesAQuarterOfItsIdleEnergyAndOfItsEmbodied() throws {
        let report = try Self.report(reservedShare: 0.25, pue: 1.5)
        let rep = try #require(report.sci.repetitions.first)
        // Load: 60 W × 20 s = 1200 J; idle 20 W × 20 s = 400 J; dynamic 800 J, all the workload's.
        // E_IT = 800 + 0.25 × 400 = 900 J; E = 900 × 1.5 = 1350 J = 3.75e-4 kWh.
        #expect(abs(rep.energyKwh - 3.75e-4) < 1e-15)
        // O = 3.75e-4 kWh × 400 g/kWh = 0.15 g.
        #expect(abs(rep.operationalG - 0.15) < 1e-12)
        // M = 1000 kg × 1000 g/kg × 20 s ÷ (4 × 365.25 × 86400 s) × 0.25 = 0.0396101098 g.
        #expect(abs(rep.embodiedG - 0.0396101098) < 1e-10)
        // SCI = (0.15 + 0.0396101098) ÷ 1000 requests.
        #expect(abs(try #require(rep.sciGPerUnit) - 0.1896101098e-3) < 1e-13)
        // The application, under the default idle policy (none), is charged 800 J: SCI says why it differs.
        #expect(abs(report.totals.attributedEnergyJ - 800) < 1e-6)
        #expect(report.sci.boundary.contains("0.25 of one host"))
        #expect(report.sci.boundary.contains("idle (baseline) energy"))
        #expect(report.sci.method.contains("RR/ToR × idle energy"))
        // Water is on IT energy, not × PUE: 900 J = 2.5e-4 kWh × 1.8 L/kWh = 4.5e-4 L = 4.5e-7 m³.
        let impacts = try #require(report.impacts)
        #expect(abs(impacts.total.waterM3 - 4.5e-7) < 1e-18)
    }

    @Test func wholeMachineChargesAllItsIdleEnergyWhateverTheIdlePolicy() throws {
        for policy in IdlePolicy.allCases {
            let report = try Self.report(reservedShare: 1, pue: 1, idlePolicy: policy)
            let rep = try #require(report.sci.repetitions.first)
            // E = 800 + 1 × 400 = 1200 J = the node's whole load energy: 1200 ÷ 3.6e6 kWh × 400 g/kWh.
            #expect(abs(rep.energyKwh - 1200 / 3.6e6) < 1e-15, "\(policy)")
            #expect(abs(rep.operationalG - 1200 / 3.6e6 * 400) < 1e-12, "\(policy)")
            // M = 1e6 g × 20 ÷ 126230400 × 1 = 0.158440439 g.
            #expect(abs(rep.embodiedG - 0.158440439) < 1e-9, "\(policy)")
        }
    }
}
