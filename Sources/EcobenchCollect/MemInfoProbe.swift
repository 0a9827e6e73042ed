/// `node.memory.used_bytes` (gauge): MemTotal − MemAvailable from `<procRoot>/meminfo`.
///
/// Confined to the sampler thread (open file): `@unchecked Sendable`.
public final class MemInfoProbe: ChannelFailureReporting, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    /// Why the latest NaN reading failed.
    private var failure: ReadingFailure?

    public init(procRoot: String = "/proc") throws {
        let path = procRoot + "/meminfo"
        file = try SysfsFile(path: path, initialCapacity: 8192)
        channels = [SourceDescriptor(name: "node.memory.used_bytes", kind: .measured, unit: "B",
                                     semantics: .gauge, scope: .node, path: path)]
        _ = try file.withContents { try MemInfo.parse($0, path: path) }
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let path = file.path
        let info: MemInfo
        do {
            info = try file.withContents { try MemInfo.parse($0, path: path) }
        } catch {
            failure = ReadingFailure.classify(error, path: path)
            values[0] = .nan
            return
        }
        values[0] = Double(info.usedBytes)
    }

    public func failure(channel: Int) -> ReadingFailure? { failure }
}
