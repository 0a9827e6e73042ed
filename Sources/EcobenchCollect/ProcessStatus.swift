/// The resident set size from `/proc/PID/status` (`VmRSS:  1656 kB`). The sampler uses
/// `ProcessStat.rssPages` (same number, no extra file); this parser serves one-off reads
/// and checks.
public enum ProcessStatus {
    /// VmRSS in bytes, or nil when the line is absent (kernel threads, zombies).
    public static func residentBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var s = ByteScanner(bytes)
        while !s.atEnd {
            if let key = s.nextWord(), s.word(key, equals: "VmRSS:") {
                guard let kb = s.nextInt64() else { return nil }
                return kb * 1024
            }
            s.skipLine()
        }
        return nil
    }

    public static func residentBytes(text: String) -> Int64? {
        text.withUTF8Bytes { residentBytes($0) }
    }
}
