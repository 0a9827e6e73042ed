import EcobenchStore

/// What `SweepRunner.run()` did: the calibration, the sweep it stored and each level's run.
public struct SweepOutcome: Sendable {
    /// One level as stored, with the node's mean load-phase power from its run's report.
    public struct Level: Sendable {
        public var record: SweepLevelRecord
        /// Σ load-phase node energy ÷ Σ load seconds (W), from the level run's report; nil without one.
        public var loadPowerWatts: Double?

        /// `offered 250 request/s, achieved 249.1 request/s, 3.2 W, p99 4.1 ms` (saturated flagged).
        public func summary(unit: String) -> String {
            var parts: [String] = []
            if let offered = record.offeredRatePerSecond {
                parts.append("offered \(SweepRate.spelled(offered)) \(unit)/s")
            } else {
                parts.append("active idle")
            }
            if let achieved = record.achievedRatePerSecond {
                parts.append("achieved \(SweepRate.spelled(achieved)) \(unit)/s")
            }
            if let loadPowerWatts { parts.append("node \(SweepRate.spelled(loadPowerWatts)) W") }
            if let p99 = record.latencyP99Milliseconds { parts.append("p99 \(SweepRate.spelled(p99)) ms") }
            if record.saturated { parts.append("SATURATED (achieved more than 5 % below offered)") }
            return parts.joined(separator: ", ")
        }
    }

    /// nil when the calibration failed (nothing stored as a sweep).
    public var sweepID: Int64?
    public var calibrationRunID: Int64?
    /// Units per second the calibration sustained.
    public var maxThroughputPerSecond: Double?
    public var levels: [Level] = []
    /// Why the sweep stopped early (a run failed or was interrupted); nil when every level ran.
    public var failure: String?
    /// A signal stopped it.
    public var interrupted = false
    /// Latencies that could not be read, and similar.
    public var notes: [String] = []

    public init() {}

    /// Records why the run of `what` ended the sweep.
    mutating func end(_ run: RunOutcome, what: String) {
        interrupted = run.status == .interrupted
        failure = "\(what): " + (run.error ?? "run \(run.status.rawValue)")
    }
}
