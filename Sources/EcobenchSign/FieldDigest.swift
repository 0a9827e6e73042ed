import Crypto
import EcobenchNet

/// Hashes of the parts of a report, so a verifier holding only hashes can say WHERE a signed
/// report changed: every value whose path has at most `maxDepth` segments gets the SHA-256 of
/// its canonical JSON, e.g. `totals`, `totals.node_energy_j`, `phases[2]`, `phases[2].energy_j`,
/// shortened to its first `hexDigits` hex digits: these only locate a change, the integrity
/// rests on the full hash of the whole report.
public enum FieldDigest {
    public static let maxDepth = 3
    public static let hexDigits = 16

    /// SHA-256 of `bytes` as 64 lower-case hex digits.
    public static func sha256Hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        hasher.update(data: Array(bytes))
        return hex(hasher.finalize())
    }

    public static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0xF)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Path → SHA-256 prefix of the canonical JSON of the value there, for every path up to `maxDepth`.
    public static func map(_ document: JSONValue) -> [String: String] {
        var out: [String: String] = [:]
        guard case .object(let members) = document else { return out }
        for member in members { collect(member.value, path: member.key, depth: 1, into: &out) }
        return out
    }

    package static func collect(_ value: JSONValue, path: String, depth: Int, into out: inout [String: String]) {
        out[path] = String(sha256Hex(value.canonical).prefix(hexDigits))
        guard depth < maxDepth else { return }
        switch value {
        case .object(let members):
            for member in members { collect(member.value, path: path + "." + member.key, depth: depth + 1, into: &out) }
        case .array(let elements):
            for (i, element) in elements.enumerated() {
                collect(element, path: path + "[\(i)]", depth: depth + 1, into: &out)
            }
        default: break
        }
    }

    /// The paths that differ between a signed map and the current one, as one line each:
    /// only the deepest differing paths (`phases[2].energy_j`, not also `phases[2]` and `phases`),
    /// plus what was added or removed.
    public static func differences(signed: [String: String], current: [String: String]) -> [String] {
        let changed = Set(signed.keys.filter { key in current[key].map { $0 != signed[key] } ?? false })
        let removed = Set(signed.keys.filter { current[$0] == nil })
        let added = Set(current.keys.filter { signed[$0] == nil })
        func hasDescendant(_ path: String, in set: Set<String>) -> Bool {
            set.contains { $0 != path && ($0.hasPrefix(path + ".") || $0.hasPrefix(path + "[")) }
        }
        func hasAncestor(_ path: String, in set: Set<String>) -> Bool {
            set.contains { path != $0 && (path.hasPrefix($0 + ".") || path.hasPrefix($0 + "[")) }
        }
        let all = changed.union(removed).union(added)
        var lines: [String] = []
        for path in changed.sorted() where !hasDescendant(path, in: all) {
            lines.append("\(path) changed")
        }
        for path in removed.sorted() where !hasAncestor(path, in: removed) {
            lines.append("\(path) removed")
        }
        for path in added.sorted() where !hasAncestor(path, in: added) {
            lines.append("\(path) added")
        }
        return lines
    }
}
