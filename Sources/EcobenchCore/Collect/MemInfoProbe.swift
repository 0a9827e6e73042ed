/// `node.memory.used_bytes` (gauge): MemTotal − MemAvailable from `<procRoot>/meminfo`.
///
/// Confined to the sampler thread (open file): `@unchecked Sendable`.
public final class MemInfoProbe: Probe, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    private let file: SysfsFile

    public init(procRoot: String = "/proc") throws {
        let path = procRoot + "/meminfo"
        file = try SysfsFile(path: path, initialCapacity: 8192)
        channels = [SourceDescriptor(name: "node.memory.used_bytes", kind: .measured, unit: "B",
                                     semantics: .gauge, scope: .node, path: path)]
        _ = try file.withContents { try MemInfo.parse($0, path: path) }
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let path = file.path
        guard let info = try? file.withContents({ try MemInfo.parse($0, path: path) }) else {
            values[0] = .nan
            return
        }
        values[0] = Double(info.usedBytes)
    }
}
