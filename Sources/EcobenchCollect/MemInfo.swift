/// Node memory from `/proc/meminfo` (values in kB, i.e. KiB).
public struct MemInfo: Hashable, Sendable {
    public var totalBytes: Int64
    public var availableBytes: Int64

    /// MemTotal − MemAvailable: memory not available to new work.
    public var usedBytes: Int64 { totalBytes - availableBytes }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> MemInfo {
        var s = ByteScanner(bytes)
        var total: Int64?
        var available: Int64?
        while !s.atEnd && (total == nil || available == nil) {
            if let key = s.nextWord() {
                if s.word(key, equals: "MemTotal:") {
                    total = s.nextInt64()
                } else if s.word(key, equals: "MemAvailable:") {
                    available = s.nextInt64()
                }
            }
            s.skipLine()
        }
        guard let total else { throw CollectError.missingField(path: path, field: "MemTotal") }
        guard let available else { throw CollectError.missingField(path: path, field: "MemAvailable") }
        return MemInfo(totalBytes: total.saturatingMultiplied(by: 1024),
                       availableBytes: available.saturatingMultiplied(by: 1024))
    }

    public static func parse(text: String, path: String = "meminfo") throws -> MemInfo {
        try text.withUTF8Bytes { try parse($0, path: path) }
    }
}
