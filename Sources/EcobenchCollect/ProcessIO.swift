/// Storage I/O of one process from `/proc/PID/io` (bytes that reached the block layer).
public struct ProcessIO: Hashable, Sendable {
    public var readBytes: Int64
    public var writeBytes: Int64

    public init(readBytes: Int64, writeBytes: Int64) {
        self.readBytes = readBytes
        self.writeBytes = writeBytes
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> ProcessIO {
        var s = ByteScanner(bytes)
        var read: Int64?
        var write: Int64?
        while !s.atEnd {
            if let key = s.nextWord() {
                if s.word(key, equals: "read_bytes:") {
                    read = s.nextInt64()
                } else if s.word(key, equals: "write_bytes:") {
                    write = s.nextInt64()
                }
            }
            s.skipLine()
        }
        guard let read else { throw CollectError.missingField(path: path, field: "read_bytes") }
        guard let write else { throw CollectError.missingField(path: path, field: "write_bytes") }
        return ProcessIO(readBytes: read, writeBytes: write)
    }

    public static func parse(text: String, path: String = "io") throws -> ProcessIO {
        try text.withUTF8Bytes { try parse($0, path: path) }
    }
}
