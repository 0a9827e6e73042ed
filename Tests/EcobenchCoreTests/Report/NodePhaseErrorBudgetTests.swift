import EcobenchCore
@testable import EcobenchAttribute
@testable import EcobenchCluster
@testable import EcobenchReport
import Testing

/// The sample-timing bound of an edge on a reading (`WindowIntegrator`) and a cluster node
/// phase's error budget (`ErrorBudgetBuilder.nodePhase`); expected values by hand.
@Suite struct NodePhaseErrorBudgetTests {
    static func counter(_ values: [Double]) -> [(t: Double, value: Double)] {
        values.enumerated().map { (t: Double($0.offset), value: $0.element) }
    }

    /// 10 W read every 1 s, but the reading at t = 4 came 0.2 s late (42 J instead of 40 J):
    /// pair powers 10, 10, 10, 12, 8, 10, … A window from t = 4 (on that reading) to t = 8:
    /// before it pairs 1…3 (10, 10, 12 W) spread 2 W, after it pairs 4…6 (8, 10, 10 W) spread 2 W,
    /// shortest span 1 s: a = 2 W × 1 s = 2 J; at t = 8 pairs 5…7 and 8…9 are all 10 W: a = 0.
    /// The amount is 80 − 42 = 38 J (truth 40 J: within the bound).
    @Test func anEdgeOnALateReadingIsBoundedByItsNeighboursScatter() {
        let points = Self.counter([0, 10, 20, 30, 42, 50, 60, 70, 80, 90, 100])
        let amount = WindowIntegrator.integrate(points, from: 4, to: 8)
        #expect(amount.amount == 38)
        #expect(amount.edgeBounds == [2, 0])
        #expect(abs(amount.standardUncertainty - 2 / 3.0.squareRoot()) < 1e-12)
    }

    /// 10 W until t = 4, 30 W after, read on time: the step at the reading is not a scatter
    /// (pairs 1…3 all 10 W, pairs 4…6 all 30 W): no bound.
    @Test func aStepAtTheReadingIsNotAScatter() {
        let points = Self.counter([0, 10, 20, 30, 40, 70, 100, 130, 160])
        let amount = WindowIntegrator.integrate(points, from: 4, to: 7)
        #expect(amount.amount == 90)
        #expect(amount.edgeBounds == [0, 0])
    }

    /// 10 W read every 1 s on time; the load steps to 30 W at t = 2.5, two pairs before the reading
    /// at t = 4 (pair 2 holds 0.5 s × 10 W + 0.5 s × 30 W = 20 J): pair powers 10, 10, 20, 30, 30, …
    /// Before t = 4 pairs 1…3 (10, 20, 30 W) spread 20 W; after it pairs 4…6 are all 30 W. A lag of
    /// the reading at t = 4 would move energy between pairs 3 and 4 and show on both sides; the
    /// step shows on one: the smaller side, 0 J (the larger side would state 20 W × 1 s = 20 J for
    /// an exact 160 − 70 = 90 J).
    @Test func aLoadStepTwoPairsBeforeAReadingIsNotItsLag() {
        let points = Self.counter([0, 10, 20, 40, 70, 100, 130, 160, 190])
        let amount = WindowIntegrator.integrate(points, from: 4, to: 7)
        #expect(amount.amount == 90)
        #expect(amount.edgeBounds == [0, 0])
    }

    /// A series' first reading (a run's first edge) has pairs on one side only. 10 W read on time,
    /// stepping to 30 W at t = 2.5: pair powers 10, 10, 20, 30, … (pair 2: 5 J + 15 J). From t = 0,
    /// the two pairs next to the reading are both 10 W: 0 J (the three pairs 10, 10, 20 W would
    /// state 10 W × 1 s = 10 J for an exact 20 J over [0, 2]). The same first reading 0.2 s late
    /// (2 J where 0 J was due, 10 W throughout): pairs 8, 10 W, a = 2 W × 1 s = 2 J, and the amount
    /// 20 − 2 = 18 J is within it of the true 20 J.
    @Test func theFirstReadingIsBoundedByTheTwoPairsNextToIt() {
        let step = WindowIntegrator.integrate(Self.counter([0, 10, 20, 40, 70, 100]), from: 0, to: 2)
        #expect(step.amount == 20)
        #expect(step.edgeBounds == [0, 0])
        let late = WindowIntegrator.integrate(Self.counter([2, 10, 20, 30, 40, 50]), from: 0, to: 2)
        #expect(late.amount == 18)
        #expect(late.edgeBounds.first == 2)
    }

    /// 100 J over 10 s (P̄ = 10 W), edge u 0.3 J, gap u 0.4 J, clock ±5 ms per edge, no stated
    /// accuracy: clock a = 10 W × 0.005 s = 0.05 J per edge, u = √2 × 0.05/√3 = 0.0408248 J;
    /// u_c = √(0.3² + 0.4² + 0.0408248²) = √0.2516667 = 0.5016639 J; U = 1.0033278 J.
    @Test func aNodePhaseBudgetCombinesTheWindowAndTheClock() throws {
        let reading = NodeEnergyReading(node: "a", source: "agent http://a rapl", kind: .measured, energyJoules: 100,
                                        coverage: 1, uncertainty: .init(edgeJ: 0.3, gapJ: 0.4, clockResidualMs: 5))
        let budget = try #require(ErrorBudgetBuilder.nodePhase(reading, phase: "load", repetition: 2, durationSeconds: 10))
        #expect(budget.figure == .nodeEnergy && budget.phase == .load && budget.repetition == 2)
        let clock = try #require(budget.contributions.first { $0.source == .clockAlignment })
        #expect(abs(clock.standardUncertainty - 0.0408248) < 1e-6)
        #expect(budget.contributions.first { $0.source == .meterAccuracy }?.standardUncertainty == 0)
        #expect(abs(budget.combinedStandardUncertainty - 0.5016639) < 1e-6)
        #expect(abs(budget.expandedUncertainty - 1.0033278) < 1e-6)
        // No uncertainty stored (a run written before migration 8): no budget, never a made-up one.
        #expect(ErrorBudgetBuilder.nodePhase(NodeEnergyReading(node: "a", source: "s", kind: .measured, energyJoules: 1,
                                                               coverage: 1), phase: "load", repetition: 1,
                                             durationSeconds: 1) == nil)
    }

    /// A channel at 40 J over 2 s (20 W) with 0.1 s counted 0 J across an unreadable reading:
    /// a = 20 W × 0.1 s = 2 J, u = 2/√3 = 1.1547005 J.
    @Test func timeCountedZeroJoulesJoinsTheGapShare() {
        var u = NodeEnergyUncertainty()
        u.addUncounted(seconds: 0.1, channelJoules: 40, windowSeconds: 2)
        #expect(abs(u.gapJ - 1.1547005) < 1e-6)
    }
}
