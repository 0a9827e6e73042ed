import Foundation

/// Reads RAPL zones' `energy_uj` each tick and reports cumulative joules since the probe
/// was created, one channel per zone (see `RAPLZone.channelName`).
///
/// Confined to the sampler thread: it holds open files and mutable per-zone state, hence
/// `@unchecked Sendable`.
public final class RAPLProbe: CounterUpdateSynchronisingProbe, ChannelFailureReporting, @unchecked Sendable {
    public let zones: [RAPLZone]
    public let channels: [SourceDescriptor]
    private var files: [SysfsFile?]
    private var previousMicrojoules: [Int64]
    private var totalMicrojoules: [Int64]
    private let clock: @Sendable () -> Double
    /// When each zone's `previousMicrojoules` was read.
    private var previousSeconds: [Double]
    /// Counter resets seen (a backwards step that is no plausible wrap), per zone: each one a
    /// gap whose energy is counted 0.
    public private(set) var resets: [Int]
    /// Why each zone was NaN at its latest NaN reading.
    private var failures: [ReadingFailure?]

    /// Opens every zone's `energy_uj` and takes the first reading as the zero point.
    /// - `clock`: monotonic seconds, to tell a wrap from a reset by the power it implies
    ///   (`EnergyCounter.deltaMicrojoules`); tests inject a fake one.
    public init(zones: [RAPLZone],
                clock: @escaping @Sendable () -> Double = CPUEstimateProbe.monotonicSeconds) throws {
        self.zones = zones
        self.clock = clock
        self.resets = [Int](repeating: 0, count: zones.count)
        self.failures = [ReadingFailure?](repeating: nil, count: zones.count)
        self.channels = zones.map(\.descriptor)
        var files: [SysfsFile] = []
        var previous: [Int64] = []
        for zone in zones {
            let file = try SysfsFile(path: zone.energyPath, initialCapacity: 64)
            previous.append(try file.readInt64())
            files.append(file)
        }
        self.files = files
        self.previousMicrojoules = previous
        self.totalMicrojoules = [Int64](repeating: 0, count: zones.count)
        self.previousSeconds = [Double](repeating: clock(), count: zones.count)
    }

    /// Convenience: discover under `sysfsRoot` and open what is readable.
    public convenience init(sysfsRoot: String,
                            clock: @escaping @Sendable () -> Double = CPUEstimateProbe.monotonicSeconds) throws {
        try self.init(zones: RAPLDiscovery.discover(sysfsRoot: sysfsRoot).zones, clock: clock)
    }

    /// Cumulative µJ per zone since start (exact integers; `read` reports them in J).
    public var cumulativeMicrojoules: [Int64] { totalMicrojoules }

    /// A zone that cannot be read gives NaN (a gap); a counter that went back without a
    /// plausible wrap (a reset or rewrite: more than 2 kW, or half the range, since the last
    /// read; counted in `resets`) or a file that was deleted and re-created gives NaN once and
    /// counts on from the new reading: the cumulative value stays flat across the gap, so no
    /// energy is invented for it (the report shows the gap and how much of each phase it covers).
    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let now = clock()
        for i in 0..<zones.count {
            guard let current = readZone(i) else {
                values[i] = .nan
                continue
            }
            guard let delta = EnergyCounter.deltaMicrojoules(
                previous: previousMicrojoules[i], current: current,
                maxRangeMicrojoules: zones[i].maxEnergyRangeMicrojoules,
                elapsedSeconds: now - previousSeconds[i]) else {
                failures[i] = .reset(path: zones[i].energyPath, fromValue: Double(previousMicrojoules[i]),
                                     toValue: Double(current), unit: "µJ")
                previousMicrojoules[i] = current  // counter reset: count on from here
                previousSeconds[i] = now
                resets[i] += 1
                values[i] = .nan
                continue
            }
            totalMicrojoules[i] += delta
            previousMicrojoules[i] = current
            previousSeconds[i] = now
            values[i] = EnergyCounter.joules(microjoules: totalMicrojoules[i])
        }
    }

    /// Polls the zones' counters (every ~20 µs) until each readable one moved, so the reading
    /// that follows at once (RAPL is the sampler's first probe) is at most one poll stale.
    /// Reads only the open files: a zone that cannot be read is left to `read(into:)`.
    public func waitForCounterUpdate(timeoutNanoseconds: Int64) -> Bool {
        let deadline = MonotonicClock.nowNanoseconds() + timeoutNanoseconds
        let before = zones.indices.map { peek($0) }
        var waiting = Set(before.indices.filter { before[$0] != nil })
        var pause = timespec(tv_sec: 0, tv_nsec: 20_000)
        while !waiting.isEmpty {
            for i in waiting {
                if let value = peek(i), value != before[i] { waiting.remove(i) }
            }
            if waiting.isEmpty || MonotonicClock.nowNanoseconds() >= deadline { break }
            nanosleep(&pause, nil)
        }
        return waiting.isEmpty
    }

    /// The zone's counter now, without bookkeeping: its open file, or by path for a host-attribution zone.
    private func peek(_ i: Int) -> Int64? {
        zones[i].isHostAttribution ? try? SysfsFile.readInt64(path: zones[i].energyPath) : try? files[i]?.readInt64()
    }

    public func failure(channel: Int) -> ReadingFailure? {
        failures.indices.contains(channel) ? failures[channel] : nil
    }

    /// The zone's counter, reopening its file when it vanished; nil while it cannot be read and
    /// for the first reading of a re-opened file (its counter is a new one: re-baselined), except
    /// for a host-attribution zone, whose file is replaced on every write and read by path.
    /// Records why in `failures`: the read's own error, else the reopening's (vanished,
    /// permission denied, parse error), or `replaced` when a re-created file was re-baselined.
    private func readZone(_ i: Int) -> Int64? {
        let path = zones[i].energyPath
        var failure: ReadingFailure?
        if zones[i].isHostAttribution {
            // A VM energy tree's writer replaces the file atomically (temp + rename): the same
            // counter in a new file, read by path each tick; a backwards step is still a reset.
            do { return try SysfsFile.readInt64(path: path) } catch {
                failures[i] = ReadingFailure.classify(error, path: path)
                return nil
            }
        }
        if let file = files[i], !file.isUnlinked {
            do { return try file.readInt64() } catch { failure = ReadingFailure.classify(error, path: path) }
        }
        do {
            let reopened = try SysfsFile(path: path, initialCapacity: 64)
            files[i] = reopened
            do {
                let value = try reopened.readInt64()
                previousMicrojoules[i] = value
                previousSeconds[i] = clock()
                failures[i] = failure ?? .replaced(path: path)
            } catch {
                failures[i] = failure ?? ReadingFailure.classify(error, path: path)
            }
        } catch {
            files[i] = nil
            failures[i] = failure ?? ReadingFailure.classify(error, path: path)
        }
        return nil
    }
}
