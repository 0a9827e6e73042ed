/// The on-disk layout of `sample_chunks.data`: up to `maxTicks` consecutive samples of one
/// source in one BLOB, so a sample costs about 12 bytes instead of a B-tree row of its own.
///
/// Layout: `count` values as little-endian IEEE-754 doubles (NaN is a gap), then `count - 1`
/// time deltas (ns) as zigzag LEB128 varints; the first time is the row's `t_first_ns`.
package enum SampleChunkCodec {
    /// At most this many ticks per chunk, so a chunk (≤ ~1.2 KB) never spills to overflow pages.
    package static let maxTicks = 64

    /// Appends one chunk: channel `channel` of the row-major `values` (row width `width`)
    /// for the ticks in `ticks`.
    package static func encode(times: UnsafeBufferPointer<Int64>, values: UnsafeBufferPointer<Double>, width: Int,
                               channel: Int, ticks: Range<Int>, into out: inout [UInt8]) {
        for tick in ticks {
            var bits = values[tick * width + channel].bitPattern.littleEndian
            withUnsafeBytes(of: &bits) { out.append(contentsOf: $0) }
        }
        var previous = times[ticks.lowerBound]
        for tick in ticks.dropFirst() {
            let t = times[tick]
            appendVarint(zigzag(t &- previous), to: &out)
            previous = t
        }
    }

    /// Calls `body` with every (time ns, value) of a chunk, oldest first.
    package static func decode(_ blob: UnsafeRawBufferPointer, firstTimeNanoseconds: Int64, count: Int,
                               _ body: (Int64, Double) throws -> Void) throws {
        let valueBytes = count * 8
        guard count > 0, blob.count >= valueBytes else {
            throw SQLiteError(code: 11, message: "sample chunk of \(blob.count) bytes cannot hold \(count) values",
                              path: "", sql: nil)
        }
        var t = firstTimeNanoseconds
        var offset = valueBytes
        for index in 0..<count {
            if index > 0 {
                guard let delta = readVarint(blob, &offset) else {
                    throw SQLiteError(code: 11, message: "sample chunk: truncated time deltas", path: "", sql: nil)
                }
                t = t &+ unzigzag(delta)
            }
            let bits = UInt64(littleEndian: blob.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self))
            try body(t, Double(bitPattern: bits))
        }
    }

    @inline(__always) package static func zigzag(_ v: Int64) -> UInt64 { UInt64(bitPattern: (v << 1) ^ (v >> 63)) }
    @inline(__always) package static func unzigzag(_ v: UInt64) -> Int64 { Int64(bitPattern: v >> 1) ^ -Int64(bitPattern: v & 1) }

    @inline(__always) package static func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        out.append(UInt8(v))
    }

    package static func readVarint(_ bytes: UnsafeRawBufferPointer, _ offset: inout Int) -> UInt64? {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count && shift < 64 {
            let b = bytes[offset]
            offset += 1
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
        return nil
    }
}
