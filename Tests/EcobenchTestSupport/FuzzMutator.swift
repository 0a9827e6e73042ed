/// Makes fuzz inputs from a seed corpus: byte flips, insertions of tokens that parsers trip on
/// (huge and negative numbers, NaN, NUL, brackets, YAML and JSON syntax), deletions, duplicated
/// and spliced chunks, truncation; sometimes a fresh random line or JSON value instead.
public struct FuzzMutator: Sendable {
    public static let tokens: [String] = [
        "0", "-1", "18446744073709551615", "9223372036854775808", "-9223372036854775809", "1e309", "nan", "-0",
        "NaN", "inf", "\u{0}", "\n", "\t", " ", ":", "- ", "{", "}", "[", "]", "\"", "'", "(", ")", "))", "((", ",",
        "null", "true", "[]", "{}", "&a", "*a", "!!binary", "---", "...", "#", "|", ">", "%", "\\", "\u{FEFF}",
        "é", "😀", "{load_s}", "{", "{{", "cpu ", "MemTotal:", "Instantaneous power reading:", "Watts", "\"Reading\"",
        "\"PowerControl\"", "\"@odata.id\"", "argv:", "shell:", "phases:", "repetitions:",
    ]

    public init() {}

    public func mutate(_ seed: [UInt8], corpus: [[UInt8]], using rng: inout SeededGenerator) -> [UInt8] {
        var bytes = seed
        let rounds = 1 + rng.below(rng.chance(0.2) ? 16 : 4)
        for _ in 0..<rounds {
            switch rng.below(8) {
            case 0 where !bytes.isEmpty:  // flip bits
                let i = rng.below(bytes.count)
                bytes[i] ^= UInt8(truncatingIfNeeded: 1 << rng.below(8))
            case 1:  // insert a token
                let i = rng.below(bytes.count + 1)
                bytes.insert(contentsOf: Array(rng.pick(Self.tokens).utf8), at: i)
            case 2 where !bytes.isEmpty:  // delete a run
                let i = rng.below(bytes.count)
                bytes.removeSubrange(i..<min(bytes.count, i + 1 + rng.below(16)))
            case 3 where !bytes.isEmpty:  // duplicate a chunk
                let i = rng.below(bytes.count)
                let chunk = Array(bytes[i..<min(bytes.count, i + 1 + rng.below(64))])
                bytes.insert(contentsOf: chunk, at: rng.below(bytes.count + 1))
            case 4 where !corpus.isEmpty:  // splice with another seed
                let other = rng.pick(corpus)
                let cut = rng.below(bytes.count + 1)
                let from = rng.below(other.count + 1)
                bytes = Array(bytes[..<cut]) + Array(other[from...])
            case 5 where !bytes.isEmpty:  // truncate
                bytes.removeSubrange(rng.below(bytes.count)...)
            case 6:  // random bytes
                let i = rng.below(bytes.count + 1)
                bytes.insert(contentsOf: (0..<(1 + rng.below(8))).map { _ in UInt8(truncatingIfNeeded: rng.next()) }, at: i)
            default:  // replace a number-ish byte with a token
                if let i = bytes.indices.filter({ bytes[$0] >= 0x30 && bytes[$0] <= 0x39 }).randomElement(using: &rng) {
                    bytes.replaceSubrange(i...i, with: Array(rng.pick(Self.tokens).utf8))
                }
            }
        }
        return Array(bytes.prefix(1 << 16))
    }

    /// A random JSON value of bounded depth (objects, arrays, numbers, strings, null), as text:
    /// shapes the Redfish readers were never shown.
    public func randomJSON(depth: Int = 0, using rng: inout SeededGenerator) -> String {
        let keys = ["Reading", "PowerControl", "PowerConsumedWatts", "PowerSupplies", "PowerInputWatts", "Members",
                    "@odata.id", "PowerWatts", "EnergykWh", "Sensors", "x"]
        switch depth > 3 ? rng.below(4) : rng.below(7) {
        case 0: return "null"
        case 1: return rng.pick(["0", "-1", "1e308", "3.5", "12345678901234567890", "true", "false"])
        case 2: return "\"\(rng.pick(keys))\""
        case 3: return "\(Double(Int64(truncatingIfNeeded: rng.next()) % 100_000) / 7)"
        case 4, 5:
            let members = (0..<rng.below(4)).map { _ in
                "\"\(rng.pick(keys))\": \(randomJSON(depth: depth + 1, using: &rng))"
            }
            return "{" + members.joined(separator: ",") + "}"
        default:
            return "[" + (0..<rng.below(4)).map { _ in randomJSON(depth: depth + 1, using: &rng) }
                .joined(separator: ",") + "]"
        }
    }
}
