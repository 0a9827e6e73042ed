/// `node.net.rx_bytes` / `node.net.tx_bytes`: non-loopback traffic since the probe started,
/// from `<procRoot>/net/dev`.
///
/// Confined to the sampler thread (open file, baseline): `@unchecked Sendable`.
public final class NetDevProbe: ChannelFailureReporting, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    private let baseline: NetDev
    /// Why the latest NaN reading failed.
    private var failure: ReadingFailure?

    public init(procRoot: String = "/proc") throws {
        let path = procRoot + "/net/dev"
        file = try SysfsFile(path: path, initialCapacity: 4096)
        channels = ["node.net.rx_bytes", "node.net.tx_bytes"].map {
            SourceDescriptor(name: $0, kind: .measured, unit: "B", semantics: .counter,
                             scope: .node, path: path)
        }
        baseline = try file.withContents { NetDev.parse($0) }
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let now: NetDev
        do {
            now = try file.withContents { NetDev.parse($0) }
        } catch {
            failure = ReadingFailure.classify(error, path: file.path)
            values[0] = .nan; values[1] = .nan
            return
        }
        // An interface that disappears lowers the sum; never report a negative counter.
        values[0] = Double(max(0, now.rxBytes - baseline.rxBytes))
        values[1] = Double(max(0, now.txBytes - baseline.txBytes))
    }

    public func failure(channel: Int) -> ReadingFailure? { failure }
}
