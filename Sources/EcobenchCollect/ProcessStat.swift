/// The fields ecobench needs from `/proc/PID/stat` (proc(5)).
///
/// `comm` (field 2) is in parentheses and may itself contain spaces and parentheses, so
/// the numeric fields are parsed after the LAST `)` of the line.
public struct ProcessStat: Hashable, Sendable {
    public var pid: Int32
    /// Executable name without the parentheses (may contain spaces and parens).
    public var comm: String
    public var state: UInt8
    public var ppid: Int32
    /// Field 14/15: user and system CPU time of this process, USER_HZ ticks.
    public var utimeTicks: Int64
    public var stimeTicks: Int64
    /// Field 22: start time after boot, ticks; with the pid it identifies a process even
    /// after its pid is reused.
    public var startTimeTicks: Int64
    /// Field 24: resident set size in pages (same value as `statm`'s resident).
    public var rssPages: Int64

    public var cpuTicks: Int64 { utimeTicks + stimeTicks }

    /// Parses one stat line; `parseComm: false` skips building the name String (hot path).
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String,
                             parseComm: Bool = true) throws -> ProcessStat {
        var open = -1
        var close = -1
        for i in 0..<bytes.count {
            if bytes[i] == 0x28 && open < 0 { open = i }
            if bytes[i] == 0x29 { close = i }
        }
        guard open >= 0, close > open else {
            throw CollectError.malformed(path: path, detail: "no (comm) in stat line")
        }
        var head = ByteScanner(bytes)
        guard let pid = head.nextInt64() else {
            throw CollectError.malformed(path: path, detail: "no pid at start of stat line")
        }
        let comm = parseComm
            ? String(decoding: UnsafeBufferPointer(rebasing: bytes[(open + 1)..<close]), as: UTF8.self)
            : ""
        var s = ByteScanner(bytes, index: close + 1)
        guard let stateWord = s.nextWord() else {
            throw CollectError.malformed(path: path, detail: "no state after comm")
        }
        // Fields 4... are numbers; keep the ones needed up to field 24 (rss), no array (hot path).
        var ppid: Int64 = 0, utime: Int64 = 0, stime: Int64 = 0, start: Int64 = 0, rss: Int64 = 0
        var n = 4
        while n <= 24 {
            guard let v = s.nextInt64() else {
                throw CollectError.malformed(path: path, detail: "stat line ends at field \(n)")
            }
            switch n {
            case 4: ppid = v
            case 14: utime = v
            case 15: stime = v
            case 22: start = v
            case 24: rss = v
            default: break
            }
            n += 1
        }
        return ProcessStat(pid: Int32(truncatingIfNeeded: pid), comm: comm,
                           state: bytes[stateWord.lowerBound], ppid: Int32(truncatingIfNeeded: ppid),
                           utimeTicks: utime, stimeTicks: stime, startTimeTicks: start, rssPages: rss)
    }

    public static func parse(text: String, path: String = "stat") throws -> ProcessStat {
        try text.withUTF8Bytes { try parse($0, path: path) }
    }
}
