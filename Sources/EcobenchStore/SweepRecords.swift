/// One level of a load sweep as stored: the run made at that level and what the load generator
/// achieved there (issue 15). Rates are functional units per second; latencies milliseconds.
public struct SweepLevelRecord: Sendable, Equatable, Codable {
    public var sweepID: Int64
    /// Target load as a percentage of the calibrated maximum throughput (0 = active idle).
    public var levelPercent: Int
    /// The rate the generator was asked for (units/s); nil at active idle (service up, no load).
    public var offeredRatePerSecond: Double?
    /// The run made at this level (its phases, samples and functional units).
    public var runID: Int64
    /// Counted functional units ÷ load seconds (units/s); nil when nothing was counted.
    public var achievedRatePerSecond: Double?
    public var latencyP50Milliseconds: Double?
    public var latencyP95Milliseconds: Double?
    public var latencyP99Milliseconds: Double?
    /// The achieved rate fell more than 5 % below the offered rate.
    public var saturated: Bool

    public init(sweepID: Int64, levelPercent: Int, offeredRatePerSecond: Double?, runID: Int64,
                achievedRatePerSecond: Double?, latencyP50Milliseconds: Double? = nil,
                latencyP95Milliseconds: Double? = nil, latencyP99Milliseconds: Double? = nil, saturated: Bool) {
        self.sweepID = sweepID
        self.levelPercent = levelPercent
        self.offeredRatePerSecond = offeredRatePerSecond
        self.runID = runID
        self.achievedRatePerSecond = achievedRatePerSecond
        self.latencyP50Milliseconds = latencyP50Milliseconds
        self.latencyP95Milliseconds = latencyP95Milliseconds
        self.latencyP99Milliseconds = latencyP99Milliseconds
        self.saturated = saturated
    }
}

/// A load sweep as stored: its calibration and the levels run so far, highest level first.
public struct SweepRecord: Sendable, Equatable {
    public var id: Int64
    public var workload: String
    /// The levels asked for (percent of the maximum throughput), in the order given.
    public var levelsPercent: [Int]
    /// The full-speed run whose throughput defined 100 %; nil when it was deleted or not made.
    public var calibrationRunID: Int64?
    /// Functional units per second the calibration sustained (units/s).
    public var maxThroughputPerSecond: Double?
    /// The p99 latency objective given with `--slo-p99` (ms).
    public var sloP99Milliseconds: Double?
    /// When the sweep was created (ISO 8601, UTC).
    public var createdAt: String
    /// Stored levels, highest level first (100 … 0).
    public var levels: [SweepLevelRecord]

    public init(id: Int64, workload: String, levelsPercent: [Int], calibrationRunID: Int64?,
                maxThroughputPerSecond: Double?, sloP99Milliseconds: Double?, createdAt: String,
                levels: [SweepLevelRecord]) {
        self.id = id
        self.workload = workload
        self.levelsPercent = levelsPercent
        self.calibrationRunID = calibrationRunID
        self.maxThroughputPerSecond = maxThroughputPerSecond
        self.sloP99Milliseconds = sloP99Milliseconds
        self.createdAt = createdAt
        self.levels = levels
    }
}
