import EcobenchAttribute

/// What one Prometheus series contributes to a window: a counter's increase or a gauge's time
/// integral from the raw samples (not PromQL's `increase()`, which extrapolates to the window's
/// edges), by `WindowIntegrator`, the one window integral (Reports/README.md, "Window integral"):
/// linear interpolation at the edges, no extrapolation, a counter reset counts from 0, and a
/// pair further apart than `gapFactor` × the median spacing is a gap whose amount is
/// interpolated between the samples on either side (a gauge too) and whose time is not covered.
public struct SeriesWindowAmount: Sendable, Equatable {
    public var amount: Double
    public var coveredSeconds: Double
    public var resets: Int
    /// Pairs further apart than `gapFactor` × the median spacing.
    public var gaps: Int
    public var medianSpacingSeconds: Double?
    /// Standard uncertainty of `amount` from edge interpolation and gaps (same unit).
    public var standardUncertainty: Double = 0
    /// The window integral itself (edge and gap bounds, same unit as `amount`).
    public var integral: WindowIntegrator.Amount?
    /// Each gap's pair of samples (unix s), oldest first: the stretch the series has no sample in,
    /// which `PrometheusGapCauses` asks Prometheus about.
    public var gapSpans: [ClosedRange<Double>] = []
    /// The window's ends without samples (from the start to the first sample, from the last one to
    /// the end) longer than `gapFactor` × the median spacing (any length with fewer than two samples).
    public var uncoveredEnds: [ClosedRange<Double>] = []

    public static let gapFactor = 3.0

    public static func counterIncrease(_ points: [PrometheusPoint], fromSeconds start: Double,
                                       toSeconds end: Double) -> SeriesWindowAmount {
        amount(points, start, end, .counter)
    }

    public static func gaugeIntegral(_ points: [PrometheusPoint], fromSeconds start: Double,
                                     toSeconds end: Double) -> SeriesWindowAmount {
        amount(points, start, end, .gauge)
    }

    private static func amount(_ points: [PrometheusPoint], _ start: Double, _ end: Double,
                               _ mode: WindowIntegrator.Mode) -> SeriesWindowAmount {
        let result = WindowIntegrator.integrate(points.map { (t: $0.timeSeconds, value: $0.value) },
                                                from: start, to: end, mode: mode) { gapFactor * $0 }
        var out = SeriesWindowAmount(amount: result.amount ?? 0, coveredSeconds: result.coveredTime,
                                     resets: result.resets, gaps: result.gaps, medianSpacingSeconds: result.medianSpacing,
                                     standardUncertainty: result.standardUncertainty, integral: result)
        // Where the gaps are: the pairs `WindowIntegrator` counts as gaps (finite samples in time
        // order, spacing above the limit, overlapping the window), found again from its median.
        let sorted = points.filter { $0.value.isFinite && $0.timeSeconds.isFinite }.sorted { $0.timeSeconds < $1.timeSeconds }
        let limit = result.medianSpacing.map { gapFactor * $0 } ?? .infinity
        out.gapSpans = zip(sorted, sorted.dropFirst()).compactMap { a, b in
            b.timeSeconds - a.timeSeconds > limit && min(b.timeSeconds, end) > max(a.timeSeconds, start)
                ? a.timeSeconds...b.timeSeconds : nil
        }
        guard end > start else { return out }
        let longest = result.medianSpacing == nil ? 0 : limit
        let head = start...max(start, min(end, sorted.first?.timeSeconds ?? end))
        let tail = min(end, max(start, sorted.last?.timeSeconds ?? start))...end
        out.uncoveredEnds = (sorted.isEmpty ? [start...end] : [head, tail]).filter {
            $0.upperBound - $0.lowerBound > longest
        }
        return out
    }
}
