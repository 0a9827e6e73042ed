/// A stretch of time in which a background-polled energy channel (Redfish, IPMI DCMI) got no
/// reading: the channel kept its last value and no energy was invented for the interval.
///
/// Times are seconds on the probe's clock (by default `CLOCK_MONOTONIC`, see
/// `PolledEnergyPoller.monotonicSeconds()`), the same clock the integration uses.
public struct PolledEnergyGap: Sendable, Equatable, CustomStringConvertible {
    /// The channel that had the gap, e.g. `redfish.bmc1.1U.energy`, `ipmi.dcmi.energy`.
    public var channel: String
    /// Time of the last good reading before the failure (or of the first failure when the
    /// channel never had a good reading).
    public var startSeconds: Double
    /// Time of the first good reading after it; nil while the gap is still open.
    public var endSeconds: Double?
    /// What went wrong (the first error's text; never contains credentials).
    public var reason: String
    /// How many polls failed inside the gap.
    public var failedPolls: Int

    public init(channel: String, startSeconds: Double, endSeconds: Double?, reason: String,
                failedPolls: Int = 1) {
        self.channel = channel
        self.startSeconds = startSeconds
        self.endSeconds = endSeconds
        self.reason = reason
        self.failedPolls = failedPolls
    }

    /// Length of the gap in seconds, measured up to `now` while it is still open.
    public func durationSeconds(now: Double) -> Double {
        (endSeconds ?? now) - startSeconds
    }

    public var description: String {
        let end = endSeconds.map { String(format: "%.3f", $0) } ?? "open"
        return "\(channel): gap \(String(format: "%.3f", startSeconds))–\(end) s "
            + "(\(failedPolls) failed poll\(failedPolls == 1 ? "" : "s")): \(reason)"
    }
}
