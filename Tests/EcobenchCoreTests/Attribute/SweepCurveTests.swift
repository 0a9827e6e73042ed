import EcobenchCore
import Testing

/// The sweep summary formulas (docs/sweeps.md "Summary figures") on a three-level curve whose
/// figures are worked out by hand below.
@Suite("Sweeps: summary formulas by hand")
struct SweepCurveTests {
    // Active idle 50 W ± 1, 50 % at 500 units/s 80 W ± 2 (p99 10 ms), 100 % at 1000 units/s
    // 100 W ± 2 (p99 30 ms); the meter's systematic relative uncertainty r = 5 %.
    static let points = [
        SweepPoint(levelPercent: 100, throughputPerSecond: 1000, powerWatts: 100, powerRandomUncertaintyWatts: 2,
                   latencyP99Milliseconds: 30),
        SweepPoint(levelPercent: 0, throughputPerSecond: 0, powerWatts: 50, powerRandomUncertaintyWatts: 1),
        SweepPoint(levelPercent: 50, throughputPerSecond: 500, powerWatts: 80, powerRandomUncertaintyWatts: 2,
                   latencyP99Milliseconds: 10),
    ]
    static let curve = SweepCurve(points: points, systematicRelative: 0.05)

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func overallUnitsPerJouleIsSumOfThroughputOverSumOfPower() throws {
        let f = try #require(Self.curve.overallUnitsPerJoule())
        // (0 + 500 + 1000) / (50 + 80 + 100) = 1500 / 230 = 6.521739130…
        #expect(Self.close(f.value, 1500.0 / 230))
        // random √(1² + 2² + 2²) = 3 W on 230 W; relative √((3/230)² + 0.05²) = √(0.00017013 + 0.0025)
        // = 0.0516733…; u = 6.5217391 × 0.0516733 = 0.337000…
        let randomRelative: Double = 3.0 / 230
        let relative: Double = (randomRelative * randomRelative + 0.0025).squareRoot()
        let expected: Double = 1500.0 / 230 * relative
        #expect(Self.close(f.standardUncertainty, expected))
        #expect(Self.close(f.standardUncertainty, 0.33700, 1e-5))
        #expect(Self.close(f.expandedUncertainty, 2 * f.standardUncertainty))
    }

    @Test func idleToPeakCancelsTheMeterGain() throws {
        let f = try #require(Self.curve.idleToPeakPowerRatio())
        // 50 / 100 = 0.5; u = 0.5 × √((1/50)² + (2/100)²) = 0.5 × √0.0008 = 0.0141421…
        #expect(Self.close(f.value, 0.5))
        #expect(Self.close(f.standardUncertainty, 0.0141421356, 1e-8))
    }

    @Test func proportionalityGapByTrapezoid() throws {
        let f = try #require(Self.curve.proportionalityGap())
        // u = 0, 0.5, 1; p = 0.5, 0.8, 1.0; A = 0.5·(0.5+0.8)/2 + 0.5·(0.8+1.0)/2 = 0.325 + 0.45 = 0.775;
        // D = 2·0.775 − 1 = 0.55 (EP = 0.45).
        #expect(Self.close(f.value, 0.55))
        // Weights 0.25, 0.5, 0.25; u(A)² = (0.25·1/100)² + (0.5·2/100)² + ((0.25 − 0.775)·2/100)²
        // = 6.25e-6 + 1e-4 + 1.1025e-4 = 2.165e-4; u(D) = 2·√2.165e-4 = 0.0294279…
        #expect(Self.close(f.standardUncertainty, 2 * 2.165e-4.squareRoot()))
        // Constant power is D = 1; ideal proportionality (P = P_peak·u) is D = 0.
        let flat = SweepCurve(points: [.init(levelPercent: 0, throughputPerSecond: 0, powerWatts: 60, powerRandomUncertaintyWatts: 0),
                                       .init(levelPercent: 100, throughputPerSecond: 10, powerWatts: 60, powerRandomUncertaintyWatts: 0)],
                              systematicRelative: 0)
        #expect(Self.close(flat.proportionalityGap()?.value, 1))
        let ideal = SweepCurve(points: [.init(levelPercent: 0, throughputPerSecond: 0, powerWatts: 1e-12, powerRandomUncertaintyWatts: 0),
                                        .init(levelPercent: 50, throughputPerSecond: 5, powerWatts: 30, powerRandomUncertaintyWatts: 0),
                                        .init(levelPercent: 100, throughputPerSecond: 10, powerWatts: 60, powerRandomUncertaintyWatts: 0)],
                               systematicRelative: 0)
        #expect(Self.close(ideal.proportionalityGap()?.value, 0, 1e-9))
    }

    @Test func powerAndYearlyEnergyInterpolateTheCurveWithTheIdleFloor() throws {
        // U = 0.3 lies between u = 0 (50 W) and u = 0.5 (80 W): f = 0.6, P = 0.4·50 + 0.6·80 = 68 W;
        // u² = (0.4·1)² + (0.6·2)² + (0.05·68)² = 0.16 + 1.44 + 11.56 = 13.16.
        let p = try #require(Self.curve.power(atUtilisation: 0.3))
        #expect(Self.close(p.value, 68))
        #expect(Self.close(p.standardUncertainty, 13.16.squareRoot()))
        // A year is 365.25 × 24 h = 8766 h: 68 W × 8766 h = 596.088 kWh, u = 3.62767 × 8.766.
        let e = try #require(Self.curve.yearlyEnergyKilowattHours(utilisation: 0.3))
        #expect(Self.close(e.value, 596.088))
        #expect(Self.close(e.standardUncertainty, 13.16.squareRoot() * 8.766))
        // The ends are the measured points; without active idle 0.3 lies below the curve: no figure.
        #expect(Self.close(Self.curve.power(atUtilisation: 1)?.value, 100))
        #expect(Self.close(Self.curve.power(atUtilisation: 0.5)?.value, 80))
        let noIdle = SweepCurve(points: Self.points.filter { $0.levelPercent > 0 }, systematicRelative: 0.05)
        #expect(noIdle.power(atUtilisation: 0.3) == nil)
        #expect(noIdle.idleToPeakPowerRatio() == nil && noIdle.proportionalityGap() == nil)
    }

    @Test func mostEfficientLevelMeetsTheSLOAndSkipsSaturatedLevels() throws {
        // SLO 20 ms: only 50 % (p99 10 ms) qualifies: 500/80 = 6.25 units/J,
        // u = 6.25 × √((2/80)² + 0.05²) = 6.25 × √0.003125 = 0.349386…
        let withSLO = try #require(Self.curve.mostEfficientLevel(sloP99Milliseconds: 20))
        #expect(withSLO.point.levelPercent == 50)
        #expect(Self.close(withSLO.unitsPerJoule.value, 6.25))
        #expect(Self.close(withSLO.unitsPerJoule.standardUncertainty, 6.25 * 0.003125.squareRoot()))
        // Without an SLO: 100 % (1000/100 = 10 units/J) beats 50 % (6.25).
        #expect(Self.curve.mostEfficientLevel(sloP99Milliseconds: nil)?.point.levelPercent == 100)
        // Saturated levels never qualify; an SLO nobody meets gives none.
        var points = Self.points
        points[0].saturated = true
        #expect(SweepCurve(points: points, systematicRelative: 0).mostEfficientLevel(sloP99Milliseconds: nil)?.point.levelPercent == 50)
        #expect(Self.curve.mostEfficientLevel(sloP99Milliseconds: 5) == nil)
    }
}
