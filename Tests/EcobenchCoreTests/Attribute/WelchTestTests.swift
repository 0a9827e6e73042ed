import EcobenchCore
import EcobenchTestSupport
import Testing

@Suite struct WelchTestTests {
    /// Independent values. p-values: closed forms, df 1 (Cauchy) p = 1 − (2/π)·arctan|t|, df 2
    /// p = 1 − |t|/√(2 + t²). Fractional df: Simpson's rule (20,000 intervals) over the t density
    /// Γ((ν+1)/2)/(Γ(ν/2)√(νπ))·(1 + x²/ν)^(−(ν+1)/2) from 0 to t in Python (math.lgamma), and the
    /// quantile by bisection on that integral — a different method from the incomplete beta used here.
    @Test func pValueAndFractionalQuantilesMatchIndependentValues() {
        // df 1, t = 1: 1 − (2/π)·(π/4) = 0.5. df 2, t = 2: 1 − 2/√6 = 0.18350342.
        #expect(abs(StudentT.twoSidedP(t: 1, degreesOfFreedom: 1) - 0.5) < 1e-12)
        #expect(abs(StudentT.twoSidedP(t: 2, degreesOfFreedom: 2) - 0.18350342) < 1e-8)
        #expect(abs(StudentT.twoSidedP(t: -2, degreesOfFreedom: 2) - 0.18350342) < 1e-8)
        // Simpson: P(|T| ≥ 2 | ν = 3.5) = 0.12613852, P(|T| ≥ 1 | ν = 12.25) = 0.33665484.
        #expect(abs(StudentT.twoSidedP(t: 2, degreesOfFreedom: 3.5) - 0.12613852) < 1e-7)
        #expect(abs(StudentT.twoSidedP(t: 1, degreesOfFreedom: 12.25) - 0.33665484) < 1e-7)
        // Simpson + bisection: t(0.975, ν) = 6.016663 (1.5), 3.574655 (2.5), 2.333040 (7.5), 2.059539 (25).
        for (df, expected) in [(1.5, 6.016663), (2.5, 3.574655), (7.5, 2.333040), (25, 2.059539)] {
            #expect(abs(StudentT.quantile975(degreesOfFreedom: df) - expected) < 2e-6, "df \(df)")
        }
        // Integer and fractional paths are one: df 10 either way, and the p at the quantile is 0.05.
        #expect(StudentT.quantile975(degreesOfFreedom: 10) == StudentT.quantile975(degreesOfFreedom: 10.0))
        #expect(abs(StudentT.twoSidedP(t: StudentT.quantile975(degreesOfFreedom: 7.5), degreesOfFreedom: 7.5) - 0.05) < 1e-12)
        // Heavy tails below one degree of freedom widen the search: ν = 0.5 has t(0.975) ≈ 165 (Simpson).
        #expect(StudentT.quantile975(degreesOfFreedom: 0.5) > 100)
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
