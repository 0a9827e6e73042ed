import EcobenchCore
import Foundation

/// The checks of the truth scenarios (issue 11 item 5), in one place so that the uncertainty a
/// report states can be switched to the error budget (issue 11 item 6) in one function.
public enum TruthCheck {
    /// The reported figure contains the truth within the uncertainty it states (expanded, J).
    public static func contains(truthJ: Double, reportedJ: Double, statedUncertaintyJ: Double) -> Bool {
        abs(reportedJ - truthJ) <= statedUncertaintyJ
    }

    /// The stated interval is not absurdly wide: at most 3 × the scenario's actual error budget.
    public static func notAbsurdlyWide(statedUncertaintyJ: Double, scenarioBudgetJ: Double) -> Bool {
        statedUncertaintyJ <= 3 * scenarioBudgetJ
    }

    /// Two paths given the same scenario agree within their combined uncertainties (bounds add:
    /// each is a bound on that path's own error).
    public static func agree(_ aJ: Double, _ bJ: Double, uncertaintyAJ: Double, uncertaintyBJ: Double) -> Bool {
        abs(aJ - bJ) <= uncertaintyAJ + uncertaintyBJ
    }

    // MARK: what the report states: THE switch point for the error budget

    /// The expanded uncertainty (J, k = 2) the report states for a local phase's node energy:
    /// its `node_energy` error budget (`report.error_budgets`); nil where it states none.
    public static func statedUncertaintyJ(localPhase phase: ReportPhase, in report: Report) -> Double? {
        report.errorBudgets?.first {
            $0.figure == .nodeEnergy && $0.phase == phase.name && $0.repetition == phase.repetition
        }?.expandedUncertainty
    }

    /// The same for an agent node's phase (agent or Prometheus path): the node phase's own
    /// `error_budget`; nil where it states none.
    public static func statedUncertaintyJ(nodePhase phase: ReportCluster.NodePhase,
                                          of node: ReportCluster.Node) -> Double? {
        phase.errorBudget?.expandedUncertainty
    }

    // MARK: the scenario's actual error budget (independent of ecobench's output)

    /// How a path samples the counter, for the scenario's error budget.
    public struct PathSampling: Sendable {
        /// Time between the readings that bracket a phase edge (s).
        public var spacingSeconds: Double
        /// How late a reading's value can be against its time stamp (s): the writer's period
        /// (the counter is a staircase), the read's scheduling delay, a scrape's lag behind the agent.
        public var lagSeconds: Double

        public init(spacingSeconds: Double, lagSeconds: Double) {
            self.spacingSeconds = spacingSeconds
            self.lagSeconds = lagSeconds
        }
    }

    /// A bound (J) on a path's error for the window [start, start + seconds] (wall ns) given the
    /// true power in the log: per edge, a change of power near it (spread ΔP over ± the spacing
    /// and lag) can be misplaced by up to ΔP × (spacing + lag); readings late by 0…lag shift the
    /// two edges by different amounts, up to P_max × lag over the window (a common lag cancels);
    /// plus `lostSeconds` counted 0 J (a counter reset loses the sampler's interval to it: P_max × that).
    public static func scenarioBudgetJ(_ log: TruthLog, startUnixNanoseconds start: Int64, seconds: Double,
                                       sampling: PathSampling, lostSeconds: Double = 0) -> Double {
        let end = start + Int64((seconds * 1e9).rounded())
        let reach = Int64(((sampling.spacingSeconds + sampling.lagSeconds) * 1e9).rounded())
        var budget = 0.0
        for edge in [start, end] {
            let range = log.powerRange(fromUnixNanoseconds: edge - reach, to: edge + reach)
            budget += (range.max - range.min) * (sampling.spacingSeconds + sampling.lagSeconds)
        }
        let highest = log.powerRange(fromUnixNanoseconds: start - reach, to: end + reach).max
        budget += highest * sampling.lagSeconds
        budget += highest * lostSeconds
        return budget
    }
}
