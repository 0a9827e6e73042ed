import Foundation

/// Samples the channels `HwmonChannel.plan` makes from hwmon readings, through libsensors.
///
/// Energy counters report the device counter's increase since the probe was created; power
/// and V×I channels integrate W over `now` with the trapezoidal rule; temperatures and fans
/// are gauges. A feature that cannot be read (it vanished, the driver went away) makes its
/// channel NaN for that tick and the probe keeps going. Energy counters resume from their
/// last good value (the hardware kept counting); an integrated channel restarts after a gap
/// and does not count the gap; a counter that goes backwards (reset) is a gap too.
///
/// Confined to the sampler's thread like every probe (mutable state, hence `@unchecked`).
public final class HwmonProbe: ChannelFailureReporting, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    /// What each channel reads, in `channels` order.
    public let plan: [HwmonChannel]
    /// Every reading discovery made (voltages and currents too, which get no channel), with
    /// its value then: what `ecobench sensors` shows.
    public let readings: [HwmonReading]
    private let library: SensorsLibrary
    private let now: @Sendable () -> Double
    // Per channel: last raw energy (J) or power (W) and when it was read; running total (J).
    private var last: [Double?]
    private var lastTime: [Double?]
    private var totals: [Double]
    /// Why each channel was NaN at its latest NaN reading.
    private var failures: [ReadingFailure?]

    /// CLOCK_MONOTONIC in seconds.
    public static let monotonicSeconds: @Sendable () -> Double = {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Builds the channels for `readings` (from `HwmonDiscovery.read` on the same `library`)
    /// and takes the baseline reading of every counter.
    public init(library: SensorsLibrary, readings: [HwmonReading],
                now: @escaping @Sendable () -> Double = HwmonProbe.monotonicSeconds) {
        self.library = library
        self.now = now
        self.plan = HwmonChannel.plan(readings)
        self.readings = readings
        self.channels = plan.map(\.descriptor)
        self.last = Array(repeating: nil, count: plan.count)
        self.lastTime = Array(repeating: nil, count: plan.count)
        self.totals = Array(repeating: 0, count: plan.count)
        self.failures = Array(repeating: nil, count: plan.count)
        let time = now()
        for (index, channel) in plan.enumerated() where channel.mode != .gauge {
            last[index] = currentValue(channel.reading, channel: index)
            lastTime[index] = time
        }
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let time = now()
        for (index, channel) in plan.enumerated() where index < values.count {
            let value = currentValue(channel.reading, channel: index)
            switch channel.mode {
            case .gauge:
                values[index] = value ?? .nan
            case .energyCounter:
                values[index] = advanceCounter(index, raw: value)
            case .integratedPower:
                values[index] = integrate(index, watts: value, at: time)
            }
        }
    }

    private func advanceCounter(_ index: Int, raw: Double?) -> Double {
        guard let raw else { return .nan }
        defer { last[index] = raw }
        guard let previous = last[index] else { return .nan }
        guard raw >= previous else {
            failures[index] = .reset(path: plan[index].reading.paths.first ?? plan[index].descriptor.name,
                                     fromValue: previous, toValue: raw, unit: "J")
            return .nan
        }
        totals[index] += raw - previous
        return totals[index]
    }

    private func integrate(_ index: Int, watts: Double?, at time: Double) -> Double {
        guard let watts else {
            last[index] = nil
            lastTime[index] = nil
            return .nan
        }
        defer {
            last[index] = watts
            lastTime[index] = time
        }
        guard let previous = last[index], let since = lastTime[index] else { return .nan }
        totals[index] += (previous + watts) / 2 * max(0, time - since)
        return totals[index]
    }

    public func failure(channel: Int) -> ReadingFailure? {
        failures.indices.contains(channel) ? failures[channel] : nil
    }

    /// The reading's value now: the subfeature, or the product of a V×I pair; nil if unreadable
    /// (why goes to `failures[channel]`).
    private func currentValue(_ reading: HwmonReading, channel: Int) -> Double? {
        var product = 1.0
        for (k, number) in reading.subfeatureNumbers.enumerated() {
            let path = reading.paths.indices.contains(k) ? reading.paths[k] : reading.chip
            do {
                let value = try library.value(chip: reading.chipIndex, subfeature: number)
                guard value.isFinite else {
                    failures[channel] = .parse(path: path, text: "\(value)")
                    return nil
                }
                product *= value
            } catch {
                failures[channel] = HwmonProbe.explain(error, path: path)
                return nil
            }
        }
        if reading.subfeatureNumbers.isEmpty {
            failures[channel] = .unreadable(path: reading.chip, detail: "no subfeature to read")
            return nil
        }
        return product
    }

    /// libsensors says only that a value could not be read: a sysfs file is looked at again to
    /// tell vanished, permission denied and unparsable text apart.
    package static func explain(_ error: SensorsError, path: String) -> ReadingFailure {
        guard path.hasPrefix("/") else { return .unreadable(path: path, detail: error.description) }
        return ReadingFailure.diagnose(path: path, fallback: error.description)
    }
}
