import Foundation

/// Node storage traffic from `/proc/diskstats`: sectors read (field 6) and written
/// (field 10), always in 512-byte units whatever the device's sector size.
public struct DiskStats: Hashable, Sendable {
    public var readBytes: Int64
    public var writeBytes: Int64

    /// Decides which devices count: whole disks only, never loop/ram/zram.
    /// A name is a whole disk if `<sysfsRoot>/block/<name>` exists (partitions live one
    /// level deeper); without `/sys/block` a name that looks like a partition is dropped.
    public struct DeviceFilter: Sendable {
        public var wholeDisks: Set<String>?

        public init(sysfsRoot: String) {
            let dir = sysfsRoot + "/block"
            if let names = try? FileManager.default.contentsOfDirectory(atPath: dir) {
                wholeDisks = Set(names)
            } else {
                wholeDisks = nil
            }
        }

        public init(wholeDisks: Set<String>?) {
            self.wholeDisks = wholeDisks
        }

        public func counts(_ name: String) -> Bool {
            if name.hasPrefix("loop") || name.hasPrefix("ram") || name.hasPrefix("zram") {
                return false
            }
            if let wholeDisks { return wholeDisks.contains(name) }
            return !DeviceFilter.looksLikePartition(name)
        }

        /// `sda1`, `vda2`, `xvda1`, `hda3` (letters + digits) and `nvme0n1p1`, `mmcblk0p1`
        /// (`p` + digits after a digit). `nvme0n1`, `mmcblk0`, `md0`, `dm-0` are disks.
        public static func looksLikePartition(_ name: String) -> Bool {
            let chars = Array(name.utf8)
            guard let last = chars.last, last >= 0x30 && last <= 0x39 else { return false }
            var i = chars.count - 1
            while i >= 0 && chars[i] >= 0x30 && chars[i] <= 0x39 { i -= 1 }
            guard i >= 0 else { return false }
            if chars[i] == UInt8(ascii: "p") && i > 0 && chars[i - 1] >= 0x30 && chars[i - 1] <= 0x39 {
                return true
            }
            let stem = String(decoding: chars[0...i], as: UTF8.self)
            for prefix in ["sd", "vd", "hd", "xvd"] where stem.hasPrefix(prefix) {
                return stem.dropFirst(prefix.count).allSatisfy { $0.isLetter }
            }
            return false
        }
    }

    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>, filter: DeviceFilter) -> DiskStats {
        var s = ByteScanner(bytes)
        var read: Int64 = 0
        var written: Int64 = 0
        while !s.atEnd {
            defer { s.skipLine() }
            guard s.nextInt64() != nil, s.nextInt64() != nil, let nameRange = s.nextWord() else { continue }
            let name = s.string(nameRange)
            guard filter.counts(name) else { continue }
            // reads, reads merged, sectors read, ms reading, writes, writes merged, sectors written
            // No array per line: the sampler parses this every tick.
            var sectorsRead: Int64 = 0
            var sectorsWritten: Int64 = 0
            var ok = true
            for i in 0..<7 {
                guard let v = s.nextInt64() else { ok = false; break }
                if i == 2 { sectorsRead = v } else if i == 6 { sectorsWritten = v }
            }
            guard ok else { continue }
            read = read.saturatingAdding(sectorsRead.saturatingMultiplied(by: 512))
            written = written.saturatingAdding(sectorsWritten.saturatingMultiplied(by: 512))
        }
        return DiskStats(readBytes: read, writeBytes: written)
    }

    public static func parse(text: String, filter: DeviceFilter) -> DiskStats {
        text.withUTF8Bytes { parse($0, filter: filter) }
    }
}
