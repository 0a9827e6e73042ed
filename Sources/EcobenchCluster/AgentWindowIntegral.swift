import EcobenchAttribute

/// How much a cumulative counter of one agent grew over a window, and how much of the window
/// its samples cover: `WindowIntegrator` (the one window integral; Reports/README.md) on the
/// agent's samples, with times in agent unix ns.
public enum AgentWindowIntegral {
    /// Two consecutive samples further apart than this (or more than 5 sampling intervals,
    /// whichever is larger) are a gap: the time between them is not covered.
    public static let minimumGapNanoseconds: Int64 = 1_000_000_000

    public struct Result: Sendable, Equatable {
        /// The counter's growth over the window, nil when the channel has no sample at all.
        public var delta: Double?
        /// Fraction (0…1) of the window between consecutive samples closer than the gap limit.
        public var coverage: Double
        /// Standard uncertainty of `delta` from edge interpolation and gaps (same unit).
        public var standardUncertainty: Double = 0
        /// The window integral itself (edge and gap bounds, in counter units); nil without samples.
        public var amount: WindowIntegrator.Amount?
    }

    /// `points` are (agent unix ns, value), oldest first; `start`/`end` in agent unix ns.
    /// `readingLagNanoseconds`: how stale a reading can be (the agent's `staleness_bound_s`).
    public static func integrate(_ points: [(t: Int64, value: Double)], start: Int64, end: Int64,
                                 readingLagNanoseconds: Double = 0) -> Result {
        guard !points.isEmpty else { return Result(delta: nil, coverage: 0) }
        guard end > start else { return Result(delta: 0, coverage: 1) }
        // Relative to the window's start: unix ns do not fit a Double's 53 bits exactly.
        let relative = points.map { (t: Double($0.t &- start), value: $0.value) }
        let amount = WindowIntegrator.integrate(relative, from: 0, to: Double(end - start),
                                                readingLag: readingLagNanoseconds) {
            max(Double(minimumGapNanoseconds), 5 * $0)
        }
        return Result(delta: amount.amount, coverage: amount.coverage, standardUncertainty: amount.standardUncertainty,
                      amount: amount)
    }
}
