/// `node.disk.read_bytes` / `node.disk.write_bytes`: whole-disk traffic since the probe
/// started, from `<procRoot>/diskstats`.
///
/// Confined to the sampler thread (open file, baseline): `@unchecked Sendable`.
public final class DiskStatsProbe: Probe, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    private let filter: DiskStats.DeviceFilter
    private let baseline: DiskStats

    public init(procRoot: String = "/proc", sysfsRoot: String = "/sys") throws {
        let path = procRoot + "/diskstats"
        file = try SysfsFile(path: path, initialCapacity: 8192)
        filter = DiskStats.DeviceFilter(sysfsRoot: sysfsRoot)
        channels = ["node.disk.read_bytes", "node.disk.write_bytes"].map {
            SourceDescriptor(name: $0, kind: .measured, unit: "B", semantics: .counter,
                             scope: .node, path: path)
        }
        let filter = self.filter
        baseline = try file.withContents { DiskStats.parse($0, filter: filter) }
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let filter = self.filter
        guard let now = try? file.withContents({ DiskStats.parse($0, filter: filter) }) else {
            values[0] = .nan; values[1] = .nan
            return
        }
        values[0] = Double(now.readBytes - baseline.readBytes)
        values[1] = Double(now.writeBytes - baseline.writeBytes)
    }
}
