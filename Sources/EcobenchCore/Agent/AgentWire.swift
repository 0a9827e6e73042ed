import Foundation

/// The agent's HTTP answers as Codable types, written by the agent (`AgentCollector`) and read by
/// the controller (`AgentSamplesDecoder`): one definition of `/clock`, `/samples` and `/pods`
/// (docs/agent-and-cluster.md, "Node agent"). Fields a controller tolerates missing (answers of
/// older agents) are optional.
enum AgentWire {
    /// `GET /clock`, and the `clock` member of `/samples` and `/pods`.
    struct Clock: Codable, Equatable {
        var unixNanoseconds: Int64
        var monotonicNanoseconds: Int64

        enum CodingKeys: String, CodingKey {
            case unixNanoseconds = "unix_ns", monotonicNanoseconds = "monotonic_ns"
        }
    }

    /// One row: `[t_unix_ns, v1, v2, …]`, a value `null` where the channel had no reading. A
    /// value that is not finite is written as `null` (JSON has no NaN).
    struct Row: Codable, Equatable {
        var timeUnixNanoseconds: Int64
        var values: [Double?]

        init(timeUnixNanoseconds: Int64, values: [Double?]) {
            self.timeUnixNanoseconds = timeUnixNanoseconds
            self.values = values
        }

        init(from decoder: any Decoder) throws {
            var cells = try decoder.unkeyedContainer()
            guard !cells.isAtEnd, let time = try? cells.decode(Int64.self) else {
                throw WireField.corrupted("expected [t_unix_ns, values…]", at: decoder.codingPath)
            }
            timeUnixNanoseconds = time
            values = []
            values.reserveCapacity(cells.count.map { max($0 - 1, 0) } ?? 0)
            while !cells.isAtEnd {
                let position = decoder.codingPath + [WireIndex(cells.currentIndex)]
                if try cells.decodeNil() { values.append(nil); continue }
                guard let value = try? cells.decode(Double.self), value.isFinite else {
                    throw WireField.corrupted("expected a number or null", at: position)
                }
                values.append(value)
            }
        }

        func encode(to encoder: any Encoder) throws {
            var cells = encoder.unkeyedContainer()
            try cells.encode(timeUnixNanoseconds)
            for value in values {
                if let value, value.isFinite { try cells.encode(value) } else { try cells.encodeNil() }
            }
        }
    }

    /// `GET /samples` (see `AgentSampleRange`).
    struct Samples: Codable {
        var clock: Clock?
        var fromUnixNanoseconds: Int64?
        var toUnixNanoseconds: Int64?
        var truncated: Bool?
        var sources: [String]
        var units: [String]?
        var kinds: [String]?
        var semantics: [String]?
        var roles: [String?]?
        var polled: [String]?
        var stalenessBoundSeconds: [Double?]?
        var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case clock, fromUnixNanoseconds = "from_ns", toUnixNanoseconds = "to_ns", truncated, sources, units, kinds,
                 semantics, roles, polled, stalenessBoundSeconds = "staleness_bound_s", rows
        }
    }

    /// `GET /pods` (see `AgentPodScanRange`).
    struct PodScans: Codable {
        var clock: Clock?
        var fromUnixNanoseconds: Int64?
        var toUnixNanoseconds: Int64?
        var truncated: Bool?
        var scanIntervalNanoseconds: Int64?
        var pods: [String]
        var qos: [String]?
        var rows: [Row]

        enum CodingKeys: String, CodingKey {
            case clock, fromUnixNanoseconds = "from_ns", toUnixNanoseconds = "to_ns", truncated,
                 scanIntervalNanoseconds = "scan_interval_ns", pods, qos, rows
        }
    }

    /// The body of an answer: compact JSON, members in sorted order (JSONEncoder keeps no
    /// declaration order; sorted is at least the same every time), slashes unescaped, and a
    /// newline. JSONEncoder writes a whole Double without its ".0" (`1`, not `1.0`): the same
    /// JSON number. (Measured 20,000 rows × 20 channels, 5.2 MB, release, this machine: JSONEncoder
    /// 77 ms against 41 ms for the string concatenation it replaces; JSONDecoder reads it in 67 ms
    /// against 371 ms for JSONSerialization, so the controller side gains more than the agent loses.)
    static func body(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
