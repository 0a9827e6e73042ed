import EcobenchCore
import EcobenchTestSupport
import Testing

/// The one per-unit estimator: ratio of sums with a delta-method CI, by hand; `compare` and the
/// application statistics use it.
@Suite struct PerUnitEstimateTests {
    @Test func ratioOfSumsWithDeltaMethodCIByHand() throws {
        // Repetitions 100 J / 10 units and 300 J / 100 units. Ratio of sums 400 / 110 = 3.6364 J/unit
        // (the mean of the ratios, (10 + 3) / 2 = 6.5, is not used). Residuals d = E − R·N:
        // 100 − 36.364 = 63.636 and 300 − 363.636 = −63.636, sample variance 2 × 63.636² / 1 = 8099.17
        // (= s_E² − 2R·s_EN + R²·s_N² = 20000 − 2 × 3.6364 × 9000 + 13.2231 × 4050). var(R) =
        // 8099.17 / (2 × 55²) → se = 63.636 / 55 = 700 / 605 = 1.157025. t(0.975, 1) = tan(0.475π) = 12.7062047:
        // half-width 14.701394, CI [−11.065030, 18.337758]. sd of one repetition se × √2 = 1.636280.
        let e = try #require(PerUnitEstimate(amounts: [100, 300], units: [10, 100]))
        #expect(e.n == 2 && e.totalAmount == 400 && e.totalUnits == 110)
        #expect(abs(e.ratio - 3.636363636) < 1e-8)
        #expect(abs(e.standardError! - 1.157025) < 1e-6)
        #expect(abs(e.ci95Low! - (-11.065030)) < 1e-5 && abs(e.ci95High! - 18.337758) < 1e-5)
        let stats = e.statistics
        #expect(stats.mean == e.ratio && stats.estimator == "ratio_of_sums" && abs(stats.sd! - 1.636280) < 1e-6)
        // A repetition without units is left out of both sums; one repetition has no CI.
        let one = try #require(PerUnitEstimate(amounts: [100, 50], units: [10, nil]))
        #expect(one.ratio == 10 && one.n == 1 && one.standardError == nil)
        #expect(PerUnitEstimate(amounts: [1], units: [0]) == nil)
    }

    @Test func equalUnitsGiveTheClassicMeanAndWelch() throws {
        // Units 50 each: ratios 2, 3, 4 → mean 3, sd 1; CI 3 ± t(0.975, 2) / √3, t(0.975, 2) = 0.95/√(2 × 0.975 × 0.025)
        // = 4.30265273 (closed form for 2 degrees of freedom): 5.48413771.
        let e = try #require(PerUnitEstimate(amounts: [100, 150, 200], units: [50, 50, 50]))
        #expect(abs(e.ratio - 3) < 1e-12 && abs(e.statistics.sd! - 1) < 1e-12)
        #expect(abs(e.ci95High! - 5.48413771) < 1e-8)
        let f = try #require(PerUnitEstimate(amounts: [250, 300], units: [50, 50]))
        let onEstimates = try #require(WelchTest(f, e))
        let classic = try #require(WelchTest([5, 6], [2, 3, 4]))
        #expect(abs(onEstimates.t - classic.t) < 1e-12 && abs(onEstimates.degreesOfFreedom - classic.degreesOfFreedom) < 1e-12)
    }

    @Test func welchOnEstimatesByHand() throws {
        // A: R 40/11, se² = (700/605)² = 1.338706. B: 200 J and 220 J per 100 units: R 2.1,
        // ratios 2.0 and 2.2 → sd 0.141421, se² = 0.02 / 2 = 0.01. t = (2.1 − 3.636364) /
        // √1.348706 = −1.322925; df = 1.348706² / (1.338706² + 0.01²) = 1.014939;
        // p = 0.409664 (scipy.stats.t.sf(1.322925, 1.014939) × 2).
        let a = try #require(PerUnitEstimate(amounts: [100, 300], units: [10, 100]))
        let b = try #require(PerUnitEstimate(amounts: [200, 220], units: [100, 100]))
        let w = try #require(WelchTest(b, a))
        #expect(abs(w.meanDifference - (2.1 - 40.0 / 11)) < 1e-12)
        #expect(abs(w.t - (-1.322925)) < 1e-6 && abs(w.degreesOfFreedom - 1.014939) < 1e-6)
        #expect(abs(w.pValue - 0.409664) < 1e-5 && !w.isSignificant)
    }

    /// Baseline 20 W with no background CPU and the workload's CPU = busy, so its energy is the
    /// load's energy above 20 W × 20 s: `extraWatts × 20` J.
    func repetition(extraWatts: Double, units: Double) -> [SyntheticRun.Phase] {
        [.init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0, workloadCPUPerSecond: 0),
         .init(.load, seconds: 20, powerWatts: 20 + extraWatts, busyCPUPerSecond: 1, workloadCPUPerSecond: 1,
               functionalUnits: units)]
    }

    @Test func applicationsAndCompareUseTheRatioOfSums() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        // Run A: 5 W × 20 s = 100 J / 10 units, 15 W × 20 s = 300 J / 100 units. Run B: 200 J and 220 J / 100 units.
        let a = try SyntheticRun.write(into: store, repetitions: [repetition(extraWatts: 5, units: 10),
                                                                 repetition(extraWatts: 15, units: 100)])
        let b = try SyntheticRun.write(into: store, repetitions: [repetition(extraWatts: 10, units: 100),
                                                                 repetition(extraWatts: 11, units: 100)])
        let builder = ReportBuilder(store: store)
        let ra = try builder.build(runID: a), rb = try builder.build(runID: b)
        let app = try #require(ra.applications.first)
        // Headline and statistics agree: 400 / 110, CI as above.
        #expect(abs(app.energyPerUnitJ! - 40.0 / 11) < 1e-9 && abs(app.statistics.energyPerUnitJ!.mean - 40.0 / 11) < 1e-9)
        #expect(abs(app.statistics.energyPerUnitJ!.ci95High! - 18.337758) < 1e-5)
        let comparison = try RunComparison.compare([ra, rb])
        let energy = try #require(comparison.differences.first { $0.metric == "energy_per_unit_j" })
        #expect(abs(energy.difference - (2.1 - 40.0 / 11)) < 1e-9)
        #expect(abs(energy.welch!.t - (-1.322925)) < 1e-5 && !energy.significant)
    }
}
