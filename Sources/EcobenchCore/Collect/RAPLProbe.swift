/// Reads RAPL zones' `energy_uj` each tick and reports cumulative joules since the probe
/// was created, one channel per zone (see `RAPLZone.channelName`).
///
/// Confined to the sampler thread: it holds open files and mutable per-zone state, hence
/// `@unchecked Sendable`.
public final class RAPLProbe: Probe, @unchecked Sendable {
    public let zones: [RAPLZone]
    public let channels: [SourceDescriptor]
    private let files: [SysfsFile]
    private var previousMicrojoules: [Int64]
    private var totalMicrojoules: [Int64]

    /// Opens every zone's `energy_uj` and takes the first reading as the zero point.
    public init(zones: [RAPLZone]) throws {
        self.zones = zones
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
    }

    /// Convenience: discover under `sysfsRoot` and open what is readable.
    public convenience init(sysfsRoot: String) throws {
        try self.init(zones: RAPLDiscovery.discover(sysfsRoot: sysfsRoot).zones)
    }

    /// Cumulative µJ per zone since start (exact integers; `read` reports them in J).
    public var cumulativeMicrojoules: [Int64] { totalMicrojoules }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        for i in 0..<zones.count {
            let current: Int64
            do {
                current = try files[i].readInt64()
            } catch {
                values[i] = .nan  // gap; the next good reading covers the whole interval
                continue
            }
            let delta = EnergyCounter.deltaMicrojoules(
                previous: previousMicrojoules[i], current: current,
                maxRangeMicrojoules: zones[i].maxEnergyRangeMicrojoules)
            totalMicrojoules[i] += delta
            previousMicrojoules[i] = current
            values[i] = EnergyCounter.joules(microjoules: totalMicrojoules[i])
        }
    }
}
