#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `estimate.cpu_energy` (J, counter, kind estimated, role cpuEstimate): the CPU power
/// model integrated over real time. Each tick reads `<procRoot>/stat`, takes the
/// utilisation averaged over the trailing `CPUPowerModel.averagingWindowSeconds` (2 s;
/// `TrailingUtilisation`), and adds `P(ū) × Δt` with Δt from CLOCK_MONOTONIC.
///
/// Why a fixed window and not each tick's own utilisation: the curve is concave, so applying
/// it per 100 ms tick to a load 1 s on / 1 s off gives (f(1) + f(0))/2 = (1.02 + 0.12)/2 =
/// 0.57 TDP, per 2 s tick f(0.5) = 0.75 TDP: the figure followed `--interval`. Over a fixed
/// window it is 0.75 TDP at any interval up to 2 s. The price is a lag: a step in load shows
/// in full after 2 s (mean lag 1 s), shifting up to ΔP × 1 s across a phase edge.
///
/// Confined to the sampler thread (open file, mutable state): `@unchecked Sendable`.
public final class CPUEstimateProbe: ChannelFailureReporting, @unchecked Sendable {
    public let model: CPUPowerModel
    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    private let clock: @Sendable () -> Double
    private var window: TrailingUtilisation
    private var previousSeconds: Double
    private var energyJoules: Double = 0
    /// Utilisation over the trailing window at the last tick (for display and tests).
    public private(set) var lastUtilisation: Double = 0
    /// Why the latest NaN reading failed.
    private var failure: ReadingFailure?

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
        let times = try file.withContents { try ProcStat.parseAggregate($0, path: path) }
        self.previousSeconds = clock()
        self.window = TrailingUtilisation(windowSeconds: CPUPowerModel.averagingWindowSeconds)
        window.add(seconds: previousSeconds, times: times)
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let path = file.path
        let now = clock()
        let times: CPUTimes
        do {
            times = try file.withContents { try ProcStat.parseAggregate($0, path: path) }
        } catch {
            failure = ReadingFailure.classify(error, path: path)
            values[0] = .nan  // the next good tick covers this interval
            return
        }
        let dt = max(0, now - previousSeconds)
        window.add(seconds: now, times: times)
        let u = window.utilisation
        energyJoules += model.powerWatts(utilisation: u) * dt
        lastUtilisation = u
        previousSeconds = now
        values[0] = energyJoules
    }

    public func failure(channel: Int) -> ReadingFailure? { failure }

    /// CLOCK_MONOTONIC in seconds.
    public static func monotonicSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
