import Foundation
import EcobenchAttribute
import EcobenchModel
import EcobenchStore

/// The rates of a load sweep (method: `docs/sweeps.md`): the offered rate of a level, the rate
/// a run achieved, and the saturation rule.
public enum SweepRate {
    /// A level is saturated when its achieved rate is more than this fraction below the offered rate.
    public static let saturationTolerance = 0.05

    /// `levelPercent` % of `maxPerSecond`, rounded to 0.001 unit/s (the precision `{rate}` is
    /// written with); nil at level 0 (active idle: no load) or without a positive maximum.
    public static func offered(levelPercent: Int, maxPerSecond: Double) -> Double? {
        guard levelPercent > 0, maxPerSecond.isFinite, maxPerSecond > 0 else { return nil }
        return (Double(levelPercent) / 100 * maxPerSecond * 1_000).rounded() / 1_000
    }

    /// Functional units per second over a run's load phases: Σ units ÷ Σ load seconds (the ratio of
    /// sums, `PerUnitEstimate`) over the repetitions whose load phase ended with a count; nil when there is none.
    public static func achieved(phases: [PhaseRecord]) -> Double? {
        let counted = phases.filter { $0.name == .load && $0.functionalUnits?.isFinite == true }
        return PerUnitEstimate(amounts: counted.compactMap(\.functionalUnits), units: counted.map(\.durationSeconds))?.ratio
    }

    /// True when a load was offered and the achieved rate is more than `saturationTolerance`
    /// below it (or nothing was counted); never at active idle (`offered` nil).
    public static func isSaturated(offered: Double?, achieved: Double?) -> Bool {
        guard let offered, offered > 0 else { return false }
        guard let achieved else { return true }
        return achieved < offered * (1 - saturationTolerance)
    }

    /// A rate as `{rate}` spells it: at most three decimals, no trailing zeros (`250`, `12.5`).
    public static func spelled(_ rate: Double) -> String {
        var text = String(format: "%.3f", rate)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}
