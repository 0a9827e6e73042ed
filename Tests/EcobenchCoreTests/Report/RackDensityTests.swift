import EcobenchCore
import EcobenchTestSupport
import Testing

/// Two hardware groups (an Open Compute rack node with a central power shelf, a classic server)
/// doing the same work: throughput per kW, per rack unit, per rack budget, yearly savings.
@Suite struct RackDensityTests {
    func run(_ store: RunStore, power: [Double], units: Double, host: String) throws -> Int64 {
        try SyntheticRun.write(into: store, repetitions: power.map { p in
            [.init(.baseline, seconds: 5, powerWatts: 100, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
             .init(.load, seconds: 10, powerWatts: p, busyCPUPerSecond: 1, workloadCPUPerSecond: 1, functionalUnits: units)]
        }, hostname: host, fingerprint: String(repeating: host == "ocp" ? "a" : "b", count: 64))
    }

    @Test func comparesGroupsPerUnitPerKilowattAndPerRack() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let classic = try run(store, power: [400, 402, 398], units: 10_000, host: "classic")
        let ocp = try run(store, power: [320, 321, 319], units: 10_000, host: "ocp")
        let builder = ReportBuilder(store: store)
        var options = RackDensity.Options()
        options.rackUnits = [2, 1]
        options.rackPowerBudgetWatts = [12_000, 12_000]
        options.utilisation = 0.5
        options.pricePerKwh = 0.25
        let density = try RackDensity.build([try builder.build(runID: classic), try builder.build(runID: ocp)], options: options)
        let (a, b) = (density.groups[0], density.groups[1])
        // Per unit: 4000 J / 10 000 = 0.4 J (classic), 0.32 J (OCP). Throughput 1000 units/s each.
        #expect(abs(a.nodeEnergyPerUnitJ!.mean - 0.4) < 1e-9 && abs(b.nodeEnergyPerUnitJ!.mean - 0.32) < 1e-9)
        #expect(abs(a.throughputUnitsPerS - 1000) < 1e-6)
        #expect(abs(a.throughputPerKw - 2500) < 1e-6 && abs(b.throughputPerKw - 3125) < 1e-6)
        #expect(abs(a.throughputPerRackUnit! - 500) < 1e-6 && abs(b.throughputPerRackUnit! - 1000) < 1e-6)
        // 12 kW budget: 30 classic servers (400 W) or 37 OCP nodes (320 W, rounded down).
        #expect(abs(a.rackThroughputUnitsPerS! - 30_000) < 1e-6 && abs(b.rackThroughputUnitsPerS! - 37_000) < 1e-6)
        // Yearly: 1000 units/s × 50 % × 1 year; saved 0.08 J per unit.
        let year = 365.25 * 86400
        let units = 1000 * 0.5 * year
        #expect(abs(density.yearlyUnits - units) < 1e-3)
        // Idle time counts (assumed duty cycle: powered all year): each group works
        // units / 1000 units/s = half a year and idles the other half at its baseline power
        // 100 W (no idle phase in these runs). Classic: 0.4 J × units = 200 J × year-seconds of
        // work + 100 W × year / 2 = 50 J × year-seconds idle → 250 × year / 3.6e6 kWh; OCP 160 + 50.
        #expect(abs(a.yearlyLoadKwh - 200 * year / 3.6e6) < 1e-6 && abs(a.yearlyIdleKwh - 50 * year / 3.6e6) < 1e-6)
        #expect(abs(a.yearlyKwh - 250 * year / 3.6e6) < 1e-6 && abs(b.yearlyKwh - 210 * year / 3.6e6) < 1e-6)
        #expect(abs(a.yearlyIdleS - year / 2) < 1e-3 && a.idlePowerPhase == .baseline && abs(a.idlePowerW! - 100) < 1e-9)
        // CO2e by the same ratio of sums and the same idle time: 400 g/kWh × kWh (PUE 1).
        #expect(abs(a.yearlyCo2eKg - 250 * year / 3.6e6 * 0.4) < 1e-6)
        #expect(density.dutyCycle.hasPrefix("assumed:"))
        let saving = try #require(density.savings.first)
        #expect(abs(saving.kwh - units * 0.08 / 3.6e6) < 1e-6)
        // 40 of 250 J × year-seconds saved: 16 % (20 % of the working energy only).
        #expect(abs(saving.relative - 0.16) < 1e-9)
        #expect(abs(saving.cost! - 0.25 * saving.kwh) < 1e-9)
        #expect(density.welch.first??.isSignificant == true)
    }

    @Test func oneGroupIsNotAComparison() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let a = try run(store, power: [400, 401], units: 100, host: "classic")
        let b = try run(store, power: [400, 402], units: 100, host: "classic")
        let builder = ReportBuilder(store: store)
        #expect(throws: ComparisonError.self) {
            try RackDensity.build([try builder.build(runID: a), try builder.build(runID: b)], options: .init())
        }
    }
}
