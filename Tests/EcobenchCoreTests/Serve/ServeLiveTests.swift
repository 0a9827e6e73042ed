@testable import EcobenchStore
import EcobenchModel
import EcobenchServe
import Testing

/// The live view's planned time still to go, by hand, for a plan of 2 repetitions of
/// baseline 10 s, idle 10 s, load 30 s, cooldown 10 s (60 s a repetition, 120 s in all).
struct ServeLiveTests {
    static let plan = PhaseDurations(baselineS: 10, idleS: 10, loadS: 30, cooldownS: 10)
    static let s: Int64 = 1_000_000_000

    static func phase(_ repetition: Int, _ name: PhaseName, from start: Int64, to end: Int64?) -> PhaseRecord {
        PhaseRecord(id: 0, repetition: repetition, name: name, startNanoseconds: start * s,
                    endNanoseconds: end.map { $0 * s }, functionalUnits: nil)
    }

    @Test func theRestOfTheOpenPhaseThePhasesAfterItAndTheLaterRepetitions() {
        // Before any phase: 2 × 60 = 120 s.
        #expect(ServeLive.remainingSeconds(planned: Self.plan, repetitions: 2, phases: [], nowRunNanoseconds: 0) == 120)
        // Repetition 1's load opened at 20 s, now 25 s: (30 − 5) + cooldown 10 + repetition 2's 60 = 95 s.
        let running = [Self.phase(1, .baseline, from: 0, to: 10), Self.phase(1, .idle, from: 10, to: 20),
                       Self.phase(1, .load, from: 20, to: nil)]
        #expect(ServeLive.remainingSeconds(planned: Self.plan, repetitions: 2, phases: running,
                                           nowRunNanoseconds: 25 * Self.s) == 95)
        // The load ran 40 s, past its 30 s plan (a load run to completion): 0 + 10 + 60 = 70 s, never negative.
        #expect(ServeLive.remainingSeconds(planned: Self.plan, repetitions: 2, phases: running,
                                           nowRunNanoseconds: 60 * Self.s) == 70)
        // Between phases: repetition 2's idle ended at 80 s, nothing open: load 30 + cooldown 10 = 40 s.
        let between = [Self.phase(2, .baseline, from: 60, to: 70), Self.phase(2, .idle, from: 70, to: 80)]
        #expect(ServeLive.remainingSeconds(planned: Self.plan, repetitions: 2, phases: between,
                                           nowRunNanoseconds: 81 * Self.s) == 40)
    }
}
