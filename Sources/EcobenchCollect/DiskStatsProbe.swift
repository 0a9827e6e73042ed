/// `node.disk.read_bytes` / `node.disk.write_bytes`: whole-disk traffic since the probe
/// started, from `<procRoot>/diskstats`.
///
/// Confined to the sampler thread (open file, baseline): `@unchecked Sendable`.
public final class DiskStatsProbe: ChannelFailureReporting, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    private let filter: DiskStats.DeviceFilter
    private let baseline: DiskStats
    /// Why the latest NaN reading failed.
    private var failure: ReadingFailure?

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
        let now: DiskStats
        do {
            now = try file.withContents { DiskStats.parse($0, filter: filter) }
        } catch {
            failure = ReadingFailure.classify(error, path: file.path)
            values[0] = .nan; values[1] = .nan
            return
        }
        values[0] = Double(now.readBytes - baseline.readBytes)
        values[1] = Double(now.writeBytes - baseline.writeBytes)
    }

    public func failure(channel: Int) -> ReadingFailure? { failure }
}
