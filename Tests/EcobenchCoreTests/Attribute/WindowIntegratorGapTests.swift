import Foundation
import Testing

import EcobenchCore
@testable import EcobenchAttribute

/// The gap bound of the one window integral (`WindowIntegrator`): the power hidden in a gap is
/// bounded by the range the window's pairs show, and a pair much shorter than the readings'
/// spacing does not set that range (the CI failure of 2026-12-06: a RAPL reset scenario stated
/// ±14.6 J for a 1 J loss, from a short pair's stepped-counter power).
@Suite struct WindowIntegratorGapTests {
    /// A RAPL-like counter at a constant `watts` (then `laterWatts` from `stepAt`): it moves by
    /// 0.1 J steps, each step's energy at its update time (every 5 ms at 20 W).
    static func counter(at t: Double, watts: Double = 20, laterWatts: Double? = nil, stepAt: Double = .infinity) -> Double {
        func staircase(_ joules: Double) -> Double { (joules / 0.1).rounded(.down) * 0.1 }
        guard let later = laterWatts, t > stepAt else { return staircase(watts * t) }
        return staircase(watts * stepAt + later * (t - stepAt))
    }

    /// Readings every 50 ms from 12.3 ms, without the one at 0.5123 s (a 100 ms gap pair), and
    /// two readings 0.5 ms apart around the update at 1.0 s (a boundary read right after it).
    static func readings(_ value: (Double) -> Double) -> [(t: Double, value: Double)] {
        var times = (0..<30).map { 0.0123 + Double($0) * 0.05 }.filter { abs($0 - 0.5123) > 1e-9 }
        times += [0.9997, 1.0002]
        return times.sorted().map { (t: $0, value: value($0)) }
    }

    @Test func aShortPairAcrossOneCounterStepDoesNotWidenTheGapBound() {
        let points = Self.readings { Self.counter(at: $0) }
        // By hand: the short pair [0.9997, 1.0002] holds one 0.1 J step: 0.1 / 0.0005 = 200 W.
        let short = (points[points.firstIndex { $0.t == 1.0002 }!].value - points[points.firstIndex { $0.t == 0.9997 }!].value)
            / 0.0005
        #expect(abs(short - 200) < 1e-6)
        let amount = WindowIntegrator.integrate(points, from: 0.1, to: 1.4)
        #expect(amount.gaps == 1)
        // Every pair of ≥ 25 ms reads 20 W within one step (0.1 J / 0.025 s = 4 W), the gap pair
        // (100 ms) within 1 W: the power hidden in the gap deviates by at most 5 W over its 0.1 s.
        #expect(amount.gapBound <= 0.5, "gap bound \(amount.gapBound) J")
    }

    @Test func aRealStepInTheWindowStillWidensTheGapBound() {
        // 20 W, then 60 W from 1.2 s: the gap (20 W) may hide up to 40 W more over its 0.1 s.
        let points = Self.readings { Self.counter(at: $0, laterWatts: 60, stepAt: 1.2) }
        let amount = WindowIntegrator.integrate(points, from: 0.1, to: 1.4)
        #expect(amount.gaps == 1)
        #expect(amount.gapBound >= 3.5 && amount.gapBound <= 4.5, "gap bound \(amount.gapBound) J")
    }

    /// The CI failure of 2026-12-06 (burst scenario): a tick 100 ms late in a 6 W / 26 W burst is
    /// a gap pair, but the counter counted through it, so its growth is exact. A reading lost in
    /// it (a stored NaN) may have lost energy (a reset counted on from the new value): bounded.
    @Test func aLateReadingOfACounterCarriesNoGapBoundALostOneDoes() {
        let points = Self.readings { Self.counter(at: $0, laterWatts: 60, stepAt: 1.2) }
        let late = WindowIntegrator.integrate(points, from: 0.1, to: 1.4, lost: [])
        #expect(late.gaps == 1 && late.gapBound == 0)
        #expect(late.coverage < 1)
        // The same pair with the reading at 0.5123 s lost: 40 W × 0.1 s, as when the caller cannot tell.
        let lost = WindowIntegrator.integrate(points, from: 0.1, to: 1.4, lost: [0.5123...0.5123])
        let unknown = WindowIntegrator.integrate(points, from: 0.1, to: 1.4)
        #expect(lost.gapBound >= 3.5 && lost.gapBound <= 4.5 && lost.gapBound == unknown.gapBound)
        #expect(late.amount == lost.amount)
        // A failed poll recorded over [0.49, 0.53] s overlaps the pair too.
        #expect(WindowIntegrator.integrate(points, from: 0.1, to: 1.4, lost: [0.49...0.53]).gapBound == unknown.gapBound)
    }
}
