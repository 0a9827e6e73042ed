/// What one series contributes to a window: a counter's increase or a gauge's time integral,
/// computed from the raw samples (not from PromQL's `increase()`, which extrapolates to the
/// window's edges).
///
/// - Counter: each pair of neighbouring samples moved by `b − a`, or by `b` when `b < a` (a
///   reset: the counter restarted from 0, as PromQL's `increase()` assumes). A pair only partly
///   inside the window contributes in proportion to its overlap (linear interpolation at the
///   window's edges). No extrapolation: time before the first or after the last sample counts
///   as not covered and contributes nothing.
/// - Gauge (watts): the linear interpolation between neighbouring samples integrated over the
///   overlap; pairs further apart than `gapFactor` × the median spacing are gaps and contribute
///   nothing (a counter's increase across a gap is still known, a gauge's integral is not).
/// - `coveredSeconds`: the window time inside pairs that are not gaps.
public struct SeriesWindowAmount: Sendable, Equatable {
    public var amount: Double
    public var coveredSeconds: Double
    public var resets: Int
    /// Pairs further apart than `gapFactor` × the median spacing.
    public var gaps: Int
    public var medianSpacingSeconds: Double?

    public static let gapFactor = 3.0

    public static func counterIncrease(_ points: [PrometheusPoint], fromSeconds start: Double,
                                       toSeconds end: Double) -> SeriesWindowAmount {
        walk(points, start, end, skipGaps: false) { a, b, fraction, _ in
            let delta = b.value >= a.value ? b.value - a.value : b.value
            return delta * fraction
        }
    }

    public static func gaugeIntegral(_ points: [PrometheusPoint], fromSeconds start: Double,
                                     toSeconds end: Double) -> SeriesWindowAmount {
        walk(points, start, end, skipGaps: true) { a, b, _, overlap in
            let (from, to) = overlap
            let span = b.timeSeconds - a.timeSeconds
            func at(_ t: Double) -> Double { a.value + (b.value - a.value) * (t - a.timeSeconds) / span }
            return (at(from) + at(to)) / 2 * (to - from)
        }
    }

    /// Calls `contribution(a, b, overlapFraction, overlap)` for each pair overlapping the window
    /// (gauges skip gap pairs), summing what it returns.
    private static func walk(_ points: [PrometheusPoint], _ start: Double, _ end: Double, skipGaps: Bool,
                             _ contribution: (PrometheusPoint, PrometheusPoint, Double, (Double, Double)) -> Double)
        -> SeriesWindowAmount {
        let sorted = points.filter { $0.value.isFinite }.sorted { $0.timeSeconds < $1.timeSeconds }
        let spacings = zip(sorted, sorted.dropFirst()).map { $1.timeSeconds - $0.timeSeconds }.filter { $0 > 0 }.sorted()
        let median = spacings.isEmpty ? nil : spacings[spacings.count / 2]
        var result = SeriesWindowAmount(amount: 0, coveredSeconds: 0, resets: 0, gaps: 0, medianSpacingSeconds: median)
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            let span = b.timeSeconds - a.timeSeconds
            guard span > 0 else { continue }
            let from = max(a.timeSeconds, start), to = min(b.timeSeconds, end)
            guard to > from else { continue }
            let gap = median.map { span > gapFactor * $0 } ?? false
            if b.value < a.value { result.resets += 1 }
            if gap { result.gaps += 1 }
            if !gap { result.coveredSeconds += to - from }
            if gap && skipGaps { continue }
            result.amount += contribution(a, b, (to - from) / span, (from, to))
        }
        return result
    }
}
