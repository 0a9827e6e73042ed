#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A sysfs or procfs file opened once and re-read from offset 0 with `pread` into a reused
/// buffer, so a sampler tick costs one system call per file and no allocation.
///
/// Confined to one thread (the sampler's, or the caller's for one-off reads): the buffer is
/// mutated on every read, hence `@unchecked Sendable` only to let probes hold it.
public final class SysfsFile: @unchecked Sendable {
    public let path: String
    private var fd: Int32
    private var buffer: [UInt8]

    /// Opens `path` read-only. Throws `CollectError.raplPermissionDenied` for an unreadable
    /// RAPL `energy_uj`, `.openFailed` otherwise.
    public init(path: String, initialCapacity: Int = 4096) throws {
        self.path = path
        let opened = open(path, O_RDONLY | O_CLOEXEC)
        if opened < 0 {
            throw CollectError.forOpen(path: path, errno: errno)
        }
        self.fd = opened
        self.buffer = [UInt8](repeating: 0, count: max(64, initialCapacity))
    }

    deinit {
        if fd >= 0 { closeDescriptor(fd) }
    }

    /// Closes the descriptor early (later reads fail with EBADF).
    public func close() {
        if fd >= 0 {
            closeDescriptor(fd)
            fd = -1
        }
    }

    /// True when the file was deleted since it was opened (its descriptor then reads the old,
    /// frozen contents: a re-created file is a new one), or the descriptor is closed.
    public var isUnlinked: Bool {
        guard fd >= 0 else { return true }
        var info = stat()
        return fstat(fd, &info) != 0 || info.st_nlink == 0
    }

    /// Reads the whole file and hands its bytes to `body`; the pointer is valid only inside.
    /// The buffer doubles until the file fits (procfs files report size 0, so we cannot stat).
    public func withContents<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) throws -> R {
        while true {
            let capacity = buffer.count
            let count: Int = buffer.withUnsafeMutableBytes { raw in
                pread(fd, raw.baseAddress, capacity, 0)
            }
            if count < 0 {
                let err = errno
                if err == EINTR { continue }
                throw CollectError.forRead(path: path, errno: err)
            }
            if count == capacity {
                // Possibly truncated: grow and read again from offset 0.
                buffer = [UInt8](repeating: 0, count: capacity * 2)
                continue
            }
            return try buffer.withUnsafeBufferPointer { whole in
                try body(UnsafeBufferPointer(rebasing: whole[0..<count]))
            }
        }
    }

    /// The file's first decimal integer (leading whitespace and a sign allowed), parsed
    /// without building a String: the hot path for `energy_uj` and cgroup counters. Throws
    /// `ReadingFailure.parse` with the file's text when it holds no integer.
    public func readInt64() throws -> Int64 {
        let path = self.path
        return try withContents { bytes in
            var scanner = ByteScanner(bytes)
            guard let value = scanner.nextInt64() else {
                throw ReadingFailure.parse(path: path, text: ReadingFailure.shorten(String(decoding: bytes, as: UTF8.self)))
            }
            return value
        }
    }

    /// The file as text with trailing newlines removed; for rare reads (names, models).
    public func readText() throws -> String {
        try withContents { bytes in
            var end = bytes.count
            while end > 0 && (bytes[end - 1] == 0x0A || bytes[end - 1] == 0x20) { end -= 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[0..<end]), as: UTF8.self)
        }
    }

    /// One-off helpers: open, read, close.
    public static func readText(path: String) throws -> String {
        try SysfsFile(path: path, initialCapacity: 256).readText()
    }

    public static func readInt64(path: String) throws -> Int64 {
        try SysfsFile(path: path, initialCapacity: 64).readInt64()
    }
}

/// The libc `close`, outside the class so the instance method does not shadow it.
private func closeDescriptor(_ fd: Int32) {
    _ = close(fd)
}
