import EcobenchCore
import Testing

/// Counter increases and gauge integrals over a window from raw samples, by hand.
@Suite struct SeriesWindowAmountTests {
    func points(_ pairs: [(Double, Double)]) -> [PrometheusPoint] {
        pairs.map { PrometheusPoint(timeSeconds: $0.0, value: $0.1) }
    }

    @Test func counterIncreaseInterpolatesAtTheEdgesWithoutExtrapolating() {
        // 10 J/s scraped every 2 s; window [101, 107]: 60 J, fully covered.
        let series = points([(100, 1000), (102, 1020), (104, 1040), (106, 1060), (108, 1080)])
        let amount = SeriesWindowAmount.counterIncrease(series, fromSeconds: 101, toSeconds: 107)
        #expect(amount.amount == 60)
        #expect(amount.coveredSeconds == 6)
        #expect(amount.resets == 0 && amount.gaps == 0)
        #expect(amount.medianSpacingSeconds == 2)
        // Window reaching past the last sample: nothing invented after 108 s.
        let late = SeriesWindowAmount.counterIncrease(series, fromSeconds: 104, toSeconds: 112)
        #expect(late.amount == 40)
        #expect(late.coveredSeconds == 4)
    }

    @Test func counterResetCountsFromZeroLikeIncrease() {
        // 1000 → 1020, reset, 5 → 25: 20 + 5 + 20 = 45 J.
        let series = points([(0, 1000), (2, 1020), (4, 5), (6, 25)])
        let amount = SeriesWindowAmount.counterIncrease(series, fromSeconds: 0, toSeconds: 6)
        #expect(amount.amount == 45)
        #expect(amount.resets == 1)
        // Half of the reset pair in the window: half of the 5 J counted since the reset.
        let half = SeriesWindowAmount.counterIncrease(series, fromSeconds: 3, toSeconds: 6)
        #expect(half.amount == 22.5)
    }

    @Test func gapsLowerCoverageAndAreInterpolatedForCountersAndGauges() {
        // Scrapes every 1 s, then a 10 s hole.
        let counter = points([(0, 0), (1, 10), (2, 20), (12, 120), (13, 130)])
        let amount = SeriesWindowAmount.counterIncrease(counter, fromSeconds: 0, toSeconds: 13)
        #expect(amount.amount == 130)
        #expect(amount.gaps == 1)
        #expect(amount.coveredSeconds == 3)
        let gauge = points([(0, 10), (1, 20), (2, 20), (12, 40), (13, 40)])
        let energy = SeriesWindowAmount.gaugeIntegral(gauge, fromSeconds: 0.5, toSeconds: 13)
        // [0.5, 1]: (15 + 20)/2 × 0.5 = 8.75; [1, 2]: 20; the gap [2, 12] interpolated (the one gap
        // rule, WindowIntegrator): (20 + 40)/2 × 10 = 300; [12, 13]: 40 → 368.75 J. (Before the one
        // window integral, a gauge's gap contributed nothing: 68.75 J, the "93.3 W" bug of issue 11.)
        #expect(energy.amount == 368.75)
        #expect(energy.coveredSeconds == 2.5)
    }

    @Test func tooFewSamplesGiveNothing() {
        #expect(SeriesWindowAmount.counterIncrease([], fromSeconds: 0, toSeconds: 1).amount == 0)
        let one = SeriesWindowAmount.counterIncrease(points([(0, 5)]), fromSeconds: 0, toSeconds: 1)
        #expect(one.amount == 0 && one.coveredSeconds == 0)
    }
}
