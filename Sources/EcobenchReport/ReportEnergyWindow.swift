import EcobenchAttribute

/// How well a phase's node energy is covered by readings, and the uncertainty that the window
/// integral adds (`WindowIntegrator`: edge interpolation, including a polled meter's staleness,
/// and gaps), summed over the node energy channels.
public struct ReportEnergyWindow: Codable, Sendable, Equatable {
    /// The smallest fraction (0…1) of the phase covered by readings among the channels.
    public var coverage: Double
    /// Seconds of the phase inside gaps (or outside the readings), the longest among the channels.
    public var gapS: Double
    /// Standard uncertainty (J) from interpolating at the phase's edges (step within a pair of
    /// readings, a BMC reading seen late): rectangular bounds ΔP × s, in quadrature.
    public var edgeUncertaintyJ: Double
    /// Standard uncertainty (J) of the energy interpolated across gaps.
    public var gapUncertaintyJ: Double
    /// Both in quadrature (J).
    public var standardUncertaintyJ: Double

    /// The window integral of each channel over the phase, combined (channels independent).
    package static func measure(_ series: StoredCounterSeries, channels: [String], window: PhaseWindow) throws
        -> ReportEnergyWindow? {
        var coverage = 1.0, gapNanoseconds = 0.0, edge2 = 0.0, gap2 = 0.0
        var any = false
        for channel in channels {
            guard let amount = try series.window(of: channel, from: window.startNanoseconds, to: window.endNanoseconds),
                  amount.amount != nil else { continue }
            any = true
            coverage = min(coverage, amount.coverage)
            gapNanoseconds = max(gapNanoseconds, amount.gapTime)
            edge2 += amount.edgeBounds.reduce(0) { $0 + $1 * $1 / 3 }
            gap2 += amount.gapBound * amount.gapBound / 3
        }
        guard any else { return nil }
        return ReportEnergyWindow(coverage: coverage, gapS: gapNanoseconds / 1e9, edgeUncertaintyJ: edge2.squareRoot(),
                                  gapUncertaintyJ: gap2.squareRoot(), standardUncertaintyJ: (edge2 + gap2).squareRoot())
    }
}
