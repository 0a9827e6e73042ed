import Crypto
import EcobenchStore

/// The SHA-256 over every stored sample of a run, in a defined order and form, so a signature
/// covers the raw measurements the report was derived from.
///
/// Sources are taken in the order of their names (UTF-8 bytes; equal names by source id), each
/// source's samples in the order of `t_ns`; each sample is one line of UTF-8 text:
/// `<source name> TAB <t_ns, decimal> TAB <value> LF`, where value is the IEEE 754 binary64 bit
/// pattern as 16 lower-case hex digits (big-endian), or `null` for a gap. The digest of the run
/// hashes all lines; each source's own lines are hashed too, to say which source changed.
public struct SampleDigest: Codable, Sendable, Equatable {
    public struct Source: Codable, Sendable, Equatable {
        public var name: String
        public var count: Int64
        public var sha256: String
    }

    public var sha256: String
    public var count: Int64
    public var sources: [Source]

    /// Streams the run's samples from the store (never all in memory).
    public static func compute(store: RunStore, runID: Int64) throws -> SampleDigest {
        let stored = try store.sources(runID: runID).sorted {
            $0.descriptor.name == $1.descriptor.name
                ? $0.id < $1.id : $0.descriptor.name.utf8.lexicographicallyPrecedes($1.descriptor.name.utf8)
        }
        var all = SHA256()
        var total: Int64 = 0
        var perSource: [Source] = []
        for source in stored {
            var mine = SHA256()
            var count: Int64 = 0
            let prefix = Array(source.descriptor.name.utf8) + [0x09]
            try store.forEachSample(sourceID: source.id) { t, value in
                let line = prefix + Array("\(t)\t\(SampleDigest.valueText(value))\n".utf8)
                all.update(data: line)
                mine.update(data: line)
                count += 1
            }
            total += count
            perSource.append(Source(name: source.descriptor.name, count: count, sha256: FieldDigest.hex(mine.finalize())))
        }
        return SampleDigest(sha256: FieldDigest.hex(all.finalize()), count: total, sources: perSource)
    }

    /// A stored value as the digest writes it: NaN (a NULL in the database) is `null`.
    public static func valueText(_ value: Double) -> String {
        guard !value.isNaN else { return "null" }
        let bits = String(value.bitPattern, radix: 16)
        return String(repeating: "0", count: 16 - bits.count) + bits
    }

    /// One line per difference from the signed digest, naming the sources whose samples changed.
    public func differences(from signed: SampleDigest) -> [String] {
        guard sha256 != signed.sha256 else { return [] }
        var lines: [String] = []
        let now = Dictionary(sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let then = Dictionary(signed.sources.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for source in signed.sources {
            guard let current = now[source.name] else {
                lines.append("source \(source.name) removed (\(source.count) samples signed)")
                continue
            }
            if current.sha256 != source.sha256 {
                lines.append("source \(source.name) changed (\(source.count) samples signed, \(current.count) stored)")
            }
        }
        for source in sources where then[source.name] == nil {
            lines.append("source \(source.name) added (\(source.count) samples stored)")
        }
        if lines.isEmpty { lines.append("samples changed (\(signed.count) signed, \(count) stored)") }
        return lines
    }
}
