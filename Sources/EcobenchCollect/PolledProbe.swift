/// A probe that polls a slow device (a BMC, ipmitool) on its own thread: it must be stopped
/// when sampling ends, and it reports the gaps where its device did not answer.
///
/// Its counters belong to the times its readings were taken, not to the sampler's ticks: the
/// sampler stores what `drainReadings()` returns at those times, and never its ticks' copies.
public protocol PolledProbe: Probe {
    var gaps: [PolledEnergyGap] { get }
    /// The new readings since the last call: (channel index, time on the probe's clock, counter).
    func drainReadings() -> [PolledReading]
    /// Stops polling after one last poll, so that a reading follows the run's last edge.
    func stop()
}

/// A polled channel's counter at the time its reading was taken.
public struct PolledReading: Sendable, Equatable {
    /// Index into the probe's `channels`.
    public var channel: Int
    /// Seconds on the probe's clock (CLOCK_MONOTONIC): the middle of the request.
    public var seconds: Double
    /// The channel's counter (J) after this reading.
    public var value: Double

    public init(channel: Int, seconds: Double, value: Double) {
        self.channel = channel
        self.seconds = seconds
        self.value = value
    }
}

extension RedfishProbe: PolledProbe {}
extension IPMIProbe: PolledProbe {}
