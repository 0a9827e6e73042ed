#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Parser of `/proc/stat`'s CPU lines (proc(5)): `cpu user nice system idle iowait irq
/// softirq steal guest guest_nice`, in USER_HZ ticks. Older kernels print fewer columns;
/// the missing ones read as 0.
public struct ProcStat: Sendable {
    /// The aggregate `cpu` line.
    public var aggregate: CPUTimes
    /// `cpu0`, `cpu1`... in file order (only online CPUs appear).
    public var perCPU: [CPUTimes]

    /// USER_HZ, the unit of `/proc/stat` and `/proc/PID/stat` times (`sysconf(_SC_CLK_TCK)`).
    public static let ticksPerSecond: Double = {
        let hz = sysconf(Int32(_SC_CLK_TCK))
        return hz > 0 ? Double(hz) : 100
    }()

    /// Parses the aggregate and per-CPU lines; throws if there is no `cpu ` line.
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> ProcStat {
        var scanner = ByteScanner(bytes)
        var aggregate: CPUTimes?
        var perCPU: [CPUTimes] = []
        while !scanner.atEnd {
            guard let word = scanner.nextWord() else { scanner.skipLine(); continue }
            if scanner.word(word, equals: "cpu") {
                aggregate = readTimes(&scanner)
            } else if scanner.word(word, hasPrefix: "cpu") {
                perCPU.append(readTimes(&scanner))
            } else if aggregate != nil {
                break  // CPU lines come first; skip intr/ctxt/softirq
            }
            scanner.skipLine()
        }
        guard let aggregate else {
            throw CollectError.missingField(path: path, field: "cpu")
        }
        return ProcStat(aggregate: aggregate, perCPU: perCPU)
    }

    /// Parses only the first (`cpu`) line: the sampler's hot path.
    public static func parseAggregate(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> CPUTimes {
        var scanner = ByteScanner(bytes)
        guard let word = scanner.nextWord(), scanner.word(word, equals: "cpu") else {
            throw CollectError.malformed(path: path, detail: "first line is not the aggregate `cpu` line")
        }
        return readTimes(&scanner)
    }

    public static func parse(text: String, path: String = "stat") throws -> ProcStat {
        try text.withUTF8Bytes { try parse($0, path: path) }
    }

    private static func readTimes(_ scanner: inout ByteScanner) -> CPUTimes {
        var t = CPUTimes()
        t.user = scanner.nextInt64() ?? 0
        t.nice = scanner.nextInt64() ?? 0
        t.system = scanner.nextInt64() ?? 0
        t.idle = scanner.nextInt64() ?? 0
        t.iowait = scanner.nextInt64() ?? 0
        t.irq = scanner.nextInt64() ?? 0
        t.softirq = scanner.nextInt64() ?? 0
        t.steal = scanner.nextInt64() ?? 0
        return t
    }
}
