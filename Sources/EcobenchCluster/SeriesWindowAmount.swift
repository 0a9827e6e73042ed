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
        return SeriesWindowAmount(amount: result.amount ?? 0, coveredSeconds: result.coveredTime,
                                  resets: result.resets, gaps: result.gaps, medianSpacingSeconds: result.medianSpacing,
                                  standardUncertainty: result.standardUncertainty, integral: result)
    }
}
