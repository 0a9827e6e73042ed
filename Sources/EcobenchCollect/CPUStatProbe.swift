/// Node CPU time from `<procRoot>/stat`, in seconds since the probe's first read.
///
/// Confined to the sampler thread (open file, mutable baseline): `@unchecked Sendable`.
public final class CPUStatProbe: ChannelFailureReporting, @unchecked Sendable {
    /// Channel names in `read(into:)` order.
    public static let channelNames = [
        "node.cpu.user_seconds", "node.cpu.nice_seconds", "node.cpu.system_seconds",
        "node.cpu.idle_seconds", "node.cpu.iowait_seconds", "node.cpu.irq_seconds",
        "node.cpu.softirq_seconds", "node.cpu.steal_seconds",
        "node.cpu.busy_seconds", "node.cpu.total_seconds",
    ]

    public let channels: [SourceDescriptor]
    private let file: SysfsFile
    private let baseline: CPUTimes
    private let ticksPerSecond: Double
    /// The latest aggregate reading (absolute ticks), for callers that want utilisation.
    public private(set) var lastTimes: CPUTimes
    /// Why the latest NaN reading failed.
    private var failure: ReadingFailure?

    public init(procRoot: String = "/proc", ticksPerSecond: Double = ProcStat.ticksPerSecond) throws {
        let path = procRoot + "/stat"
        self.file = try SysfsFile(path: path, initialCapacity: 16384)
        self.ticksPerSecond = ticksPerSecond
        self.channels = CPUStatProbe.channelNames.map {
            SourceDescriptor(name: $0, kind: .measured, unit: "s", semantics: .counter,
                             scope: .node, path: path)
        }
        let first = try file.withContents { try ProcStat.parseAggregate($0, path: path) }
        self.baseline = first
        self.lastTimes = first
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let path = file.path
        let now: CPUTimes
        do {
            now = try file.withContents { try ProcStat.parseAggregate($0, path: path) }
        } catch {
            failure = ReadingFailure.classify(error, path: path)
            for i in 0..<values.count { values[i] = .nan }
            return
        }
        lastTimes = now
        let d = now.subtracting(baseline)
        let hz = ticksPerSecond
        values[0] = Double(d.user) / hz; values[1] = Double(d.nice) / hz
        values[2] = Double(d.system) / hz; values[3] = Double(d.idle) / hz
        values[4] = Double(d.iowait) / hz; values[5] = Double(d.irq) / hz
        values[6] = Double(d.softirq) / hz; values[7] = Double(d.steal) / hz
        values[8] = Double(d.busyTicks) / ticksPerSecond
        values[9] = Double(d.totalTicks) / ticksPerSecond
    }

    public func failure(channel: Int) -> ReadingFailure? { failure }
}
