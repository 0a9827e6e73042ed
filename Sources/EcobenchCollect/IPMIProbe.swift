import Foundation

/// Node power from the BMC through DCMI (`ipmitool dcmi power reading` by default), run on its
/// own background thread every `pollIntervalSeconds` (default 1 s) and integrated to a joule
/// counter `ipmi.dcmi.energy` (trapezoid between good readings on CLOCK_MONOTONIC).
///
/// A failed reading (command error, timeout, deactivated, unparsable) keeps the counter at its
/// last value and opens a gap; nothing is integrated across it.
public final class IPMIProbe: Probe, @unchecked Sendable {
    // Safety: `state` is guarded by `lock`; `poller` is set once in init.
    public static let defaultCommand = ["ipmitool", "dcmi", "power", "reading"]
    public static let channelName = "ipmi.dcmi.energy"

    public let channels: [SourceDescriptor]
    public let command: [String]
    public let pollIntervalSeconds: Double
    private let runner: IPMICommandRunner
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var state: PolledEnergyChannel
    private var latest: IPMIPowerReading?
    private var poller: PolledEnergyPoller?
    private var stopped = false  // guarded by `lock`

    /// Runs the command once (its error is thrown, e.g. no ipmitool or reading deactivated),
    /// then polls in the background.
    public convenience init(command: [String] = IPMIProbe.defaultCommand, pollIntervalSeconds: Double = 1,
                            commandTimeoutSeconds: Double = 5, refreshSeconds: Double? = nil) throws {
        try self.init(command: command, pollIntervalSeconds: pollIntervalSeconds,
                      commandTimeoutSeconds: commandTimeoutSeconds, refreshSeconds: refreshSeconds,
                      clock: PolledEnergyPoller.monotonicSeconds, startPolling: true)
    }

    /// Tests: an injected clock, and `startPolling: false` to drive `pollNow()` by hand.
    package init(command: [String], pollIntervalSeconds: Double, commandTimeoutSeconds: Double,
                 refreshSeconds: Double? = nil, clock: @escaping @Sendable () -> Double, startPolling: Bool) throws {
        self.command = command
        self.pollIntervalSeconds = pollIntervalSeconds
        runner = IPMICommandRunner(argv: command, timeoutSeconds: commandTimeoutSeconds)
        self.clock = clock
        state = PolledEnergyChannel(name: Self.channelName, input: .powerWatts, statedRefreshSeconds: refreshSeconds)
        channels = [SourceDescriptor(
            name: Self.channelName, kind: .measured, unit: "J", semantics: .counter, scope: .node,
            path: "DCMI via `\(command.joined(separator: " "))`", energyRole: .wall,
            model: "integrated from DCMI instantaneous power (W), trapezoid between new readings (a repeated "
                + "IPMI timestamp is not a new reading), polled every \(pollIntervalSeconds) s on CLOCK_MONOTONIC, "
                + "stored at the time each reading was taken; power interpolated across gaps")]
        guard startPolling else { return }
        if let error = pollNow() { throw error }
        let poller = PolledEnergyPoller(name: "ecobench.ipmi", intervalSeconds: pollIntervalSeconds) { [weak self] in
            _ = self?.pollNow()
        }
        self.poller = poller
        poller.start()
    }

    deinit { poller?.stop(waitSeconds: 0) }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        guard values.count > 0 else { return }
        values[0] = lock.withLock { state.energyJoules }
    }

    public var gaps: [PolledEnergyGap] { lock.withLock { state.gaps } }
    public var lastError: String? { lock.withLock { state.lastError } }
    /// The latest good reading (min/max/average as the BMC reports them).
    public var latestReading: IPMIPowerReading? { lock.withLock { latest } }

    public func drainReadings() -> [PolledReading] {
        lock.withLock { state.drain().map { PolledReading(channel: 0, seconds: $0.seconds, value: $0.joules) } }
    }

    /// Stops polling after one last poll, so that a reading follows the run's last edge.
    public func stop() {
        poller?.stop()
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        if poller != nil { pollNow() }
        lock.withLock { state.close() }
    }

    /// Runs the command once and records the reading or the failure; returns the failure.
    @discardableResult
    package func pollNow() -> Error? {
        let started = clock()
        let outcome = Result { try IPMIPowerReading.parse(ipmitoolOutput: try runner.run()) }
        let seconds = (started + clock()) / 2
        return lock.withLock {
            switch outcome {
            case .success(let reading):
                latest = reading
                state.record(value: reading.instantaneousWatts, bmcTimestamp: reading.bmcTimestamp, atSeconds: seconds)
                return nil
            case .failure(let error):
                state.fail(reason: String(describing: error), atSeconds: seconds)
                return error
            }
        }
    }
}
