import EcobenchCore
import EcobenchTestSupport
import Testing

@Suite struct WelchTestTests {
    @Test func pValueMatchesTheTTable() {
        // t(0.975, 10) = 2.228 → two-sided p = 0.05.
        #expect(abs(StudentT.twoSidedP(t: 2.228, degreesOfFreedom: 10) - 0.05) < 1e-4)
        #expect(abs(StudentT.twoSidedP(t: 12.706, degreesOfFreedom: 1) - 0.05) < 1e-4)
        #expect(abs(StudentT.quantile975(fractionalDegreesOfFreedom: 25) - 2.0595) < 1e-3)
    }

    @Test func welchMatchesTheKnownExample() throws {
        // The classic unequal-variance example (also in SciPy's ttest_ind(equal_var=False)):
        // t = −2.4554, df = 24.99, p = 0.02138.
        let a = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4]
        let b = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4]
        let w = try #require(WelchTest(a, b))
        #expect(abs(w.t - (-2.455356)) < 1e-5)
        #expect(abs(w.degreesOfFreedom - 24.98853) < 1e-4)
        #expect(abs(w.pValue - 0.021378) < 1e-5)
        #expect(w.isSignificant)
        #expect(w.ci95Low < w.meanDifference && w.meanDifference < w.ci95High && w.ci95High < 0)
        #expect(WelchTest([1], [2, 3]) == nil)
    }

    func synthetic(_ store: RunStore, powers: [Double], unit: String = "request") throws -> Int64 {
        try SyntheticRun.write(into: store, repetitions: powers.map { p in
            [.init(.baseline, seconds: 5, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
             .init(.load, seconds: 10, powerWatts: p, busyCPUPerSecond: 1, workloadCPUPerSecond: 1, functionalUnits: 100)]
        }, functionalUnit: unit)
    }

    @Test func comparesRunsAndRefusesDifferentFunctionalUnits() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let a = try synthetic(store, powers: [60, 61, 59])
        let b = try synthetic(store, powers: [80, 81, 79])
        let c = try synthetic(store, powers: [60], unit: "transaction")
        let builder = ReportBuilder(store: store)
        let comparison = try RunComparison.compare([try builder.build(runID: a), try builder.build(runID: b)])
        let energy = try #require(comparison.differences.first { $0.metric == "energy_per_unit_j" })
        // (P − 20) × 10 s / 100 units: 4.0 J vs 6.0 J per request.
        #expect(abs(energy.difference - 2.0) < 1e-9)
        #expect(energy.significant)
        #expect(throws: ComparisonError.self) {
            try RunComparison.compare([try builder.build(runID: a), try builder.build(runID: c)])
        }
    }
}
