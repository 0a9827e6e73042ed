import EcobenchCore
import Testing

@Suite struct AgentWindowIntegralTests {
    /// 20 W sampled every 100 ms from t = 0 to 10 s (counter in J).
    static func line(watts: Double = 20, until: Int64 = 10_000_000_000, skipping gap: ClosedRange<Int64>? = nil)
        -> [(t: Int64, value: Double)] {
        stride(from: Int64(0), through: until, by: 100_000_000).compactMap { t in
            if let gap, gap.contains(t) { return nil }
            return (t, watts * Double(t) / 1e9)
        }
    }

    @Test func edgesAreInterpolatedBetweenSamples() {
        let r = AgentWindowIntegral.integrate(Self.line(), start: 1_050_000_000, end: 3_330_000_000)
        #expect(abs((r.delta ?? 0) - 20 * 2.28) < 1e-9)
        #expect(r.coverage == 1)
    }

    @Test func aGapLowersCoverageButTheCounterStillSpansIt() {
        // No samples from 4 s to 6 s: 2.2 s between the samples around it, more than the gap limit.
        let r = AgentWindowIntegral.integrate(Self.line(skipping: 4_000_000_000...6_000_000_000),
                                              start: 2_000_000_000, end: 8_000_000_000)
        #expect(abs((r.delta ?? 0) - 120) < 1e-9)
        #expect(abs(r.coverage - (6.0 - 2.2) / 6.0) < 1e-9)
    }

    @Test func aWindowBeyondTheSamplesIsNotExtrapolated() {
        let r = AgentWindowIntegral.integrate(Self.line(), start: 9_000_000_000, end: 12_000_000_000)
        #expect(abs((r.delta ?? 0) - 20) < 1e-9)  // only 9 → 10 s is known
        #expect(abs(r.coverage - 1.0 / 3.0) < 1e-9)
        let none = AgentWindowIntegral.integrate([], start: 0, end: 10)
        #expect(none.delta == nil && none.coverage == 0)
    }
}
