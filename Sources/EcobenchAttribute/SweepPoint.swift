/// One level of a load sweep as the summary formulas see it (`SweepCurve`): the achieved
/// throughput and the node's mean power at that level, with the power's random standard
/// uncertainty (repetition spread and window integral; the meter's systematic part is the
/// curve's `systematicRelative`, common to every level).
public struct SweepPoint: Sendable, Equatable, Codable {
    public var levelPercent: Int
    /// Achieved functional units per second (0 at active idle).
    public var throughputPerSecond: Double
    /// Node mean power over the level's load phases (W).
    public var powerWatts: Double
    /// Random standard uncertainty of `powerWatts` (W), independent between levels.
    public var powerRandomUncertaintyWatts: Double
    /// p99 latency at this level (ms); nil when the generator gave none.
    public var latencyP99Milliseconds: Double?
    /// The achieved rate fell more than 5 % below the offered rate.
    public var saturated: Bool

    public init(levelPercent: Int, throughputPerSecond: Double, powerWatts: Double, powerRandomUncertaintyWatts: Double,
                latencyP99Milliseconds: Double? = nil, saturated: Bool = false) {
        self.levelPercent = levelPercent
        self.throughputPerSecond = throughputPerSecond
        self.powerWatts = powerWatts
        self.powerRandomUncertaintyWatts = powerRandomUncertaintyWatts
        self.latencyP99Milliseconds = latencyP99Milliseconds
        self.saturated = saturated
    }
}

/// A summary figure of a sweep with its standard uncertainty (GUM, k = 1) and the expanded
/// uncertainty at k = 2 (`ErrorBudget.coverageFactor`).
public struct SweepFigure: Sendable, Equatable, Codable {
    public var value: Double
    public var standardUncertainty: Double
    public var expandedUncertainty: Double
    /// The formula and what its uncertainty includes.
    public var basis: String

    public init(value: Double, standardUncertainty: Double, basis: String) {
        self.value = value
        self.standardUncertainty = standardUncertainty
        expandedUncertainty = 2 * standardUncertainty
        self.basis = basis
    }
}
