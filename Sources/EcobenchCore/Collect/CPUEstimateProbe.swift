#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `estimate.cpu_energy` (J, counter, kind estimated, role cpuEstimate): the CPU power
/// model integrated over real time. Each tick reads `<procRoot>/stat`, takes the
/// utilisation of the interval since the previous tick (busy / (total − steal)), and adds
/// `P(u) × Δt` with Δt from CLOCK_MONOTONIC.
///
/// Confined to the sampler thread (open file, mutable state): `@unchecked Sendable`.
public final class CPUEstimateProbe: Probe, @unchecked Sendable {
    public let model: CPUPowerModel
    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    private let clock: @Sendable () -> Double
    private var previousTimes: CPUTimes
    private var previousSeconds: Double
    private var energyJoules: Double = 0
    /// Utilisation of the last interval (for display and tests).
    public private(set) var lastUtilisation: Double = 0

    /// - `clock`: monotonic seconds; tests inject a fake one.
    public init(model: CPUPowerModel, procRoot: String = "/proc",
                clock: @escaping @Sendable () -> Double = CPUEstimateProbe.monotonicSeconds) throws {
        let path = procRoot + "/stat"
        self.model = model
        self.file = try SysfsFile(path: path, initialCapacity: 16384)
        self.clock = clock
        self.channels = [SourceDescriptor(
            name: "estimate.cpu_energy", kind: .estimated, unit: "J", semantics: .counter,
            scope: .node, path: path, energyRole: .cpuEstimate,
            model: model.modelDescription, relativeUncertainty: model.relativeUncertainty)]
        self.previousTimes = try file.withContents { try ProcStat.parseAggregate($0, path: path) }
        self.previousSeconds = clock()
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let path = file.path
        let now = clock()
        guard let times = try? file.withContents({ try ProcStat.parseAggregate($0, path: path) }) else {
            values[0] = .nan  // the next good tick covers this interval
            return
        }
        let dt = max(0, now - previousSeconds)
        let u = times.subtracting(previousTimes).utilisation
        energyJoules += model.powerWatts(utilisation: u) * dt
        lastUtilisation = u
        previousTimes = times
        previousSeconds = now
        values[0] = energyJoules
    }

    /// CLOCK_MONOTONIC in seconds.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
