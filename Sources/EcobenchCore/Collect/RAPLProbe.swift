/// Reads RAPL zones' `energy_uj` each tick and reports cumulative joules since the probe
/// was created, one channel per zone (see `RAPLZone.channelName`).
///
/// Confined to the sampler thread: it holds open files and mutable per-zone state, hence
/// `@unchecked Sendable`.
public final class RAPLProbe: Probe, @unchecked Sendable {
    public let zones: [RAPLZone]
    public let channels: [SourceDescriptor]
    private var files: [SysfsFile?]
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

    /// A zone that cannot be read gives NaN (a gap); a counter that went back without
    /// wrapping (reset, rewritten) or a file that was deleted and re-created gives NaN once and
    /// counts on from the new reading: the cumulative value stays flat across the gap, so no
    /// energy is invented for it (the report shows the gap and how much of each phase it covers).
    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        for i in 0..<zones.count {
            guard let current = readZone(i) else {
                values[i] = .nan
                continue
            }
            guard let delta = EnergyCounter.deltaMicrojoules(
                previous: previousMicrojoules[i], current: current,
                maxRangeMicrojoules: zones[i].maxEnergyRangeMicrojoules) else {
                previousMicrojoules[i] = current  // counter reset: count on from here
                values[i] = .nan
                continue
            }
            totalMicrojoules[i] += delta
            previousMicrojoules[i] = current
            values[i] = EnergyCounter.joules(microjoules: totalMicrojoules[i])
        }
    }

    /// The zone's counter, reopening its file when it vanished; nil while it cannot be read and
    /// for the first reading of a re-opened file (its counter is a new one: re-baselined).
    private func readZone(_ i: Int) -> Int64? {
        if let file = files[i], !file.isUnlinked, let value = try? file.readInt64() { return value }
        files[i] = try? SysfsFile(path: zones[i].energyPath, initialCapacity: 64)
        if let reopened = files[i], let value = try? reopened.readInt64() {
            previousMicrojoules[i] = value
        }
        return nil
    }
}
