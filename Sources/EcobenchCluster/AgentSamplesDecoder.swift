import Foundation
import EcobenchNet
import EcobenchCollect

/// Reads the agent's `/samples` and `/clock` answers (`AgentWire`, docs/agent-and-cluster.md,
/// "Node agent"). Errors name the field that is missing or wrong, and the caller adds the agent and URL.
package enum AgentSamplesDecoder {
    package struct FieldError: Error {
        package var field: String
        package var problem: String
    }

    /// Decodes `data` as `T`; a decoding error becomes the field it happened at. `whole` names the
    /// top-level members reported as a whole (with that problem text) rather than by element.
    package static func decode<T: Decodable>(_ type: T.Type, _ data: Data,
                                             whole: [String: String] = [:]) throws(FieldError) -> T {
        do { return try JSONDecoder().decode(type, from: data) } catch let error as DecodingError {
            if WireField.isNotJSON(error) {
                throw FieldError(field: "(document)", problem: "not JSON: \(String(decoding: data.prefix(120), as: UTF8.self))")
            }
            let (field, problem, path) = WireField.describe(error)
            if path.isEmpty { throw FieldError(field: "(document)", problem: "expected a JSON object") }
            if let top = path.first?.stringValue, let text = whole[top], problem != "missing" || path.count > 1 {
                throw FieldError(field: top, problem: text)
            }
            throw FieldError(field: field, problem: problem)
        } catch {
            throw FieldError(field: "(document)", problem: "\(error)")
        }
    }

    /// `/clock`: `{"unix_ns":…,"monotonic_ns":…}` → unix ns.
    package static func clock(_ data: Data) throws(FieldError) -> Int64 {
        try decode(AgentWire.Clock.self, data).unixNanoseconds
    }

    package static func samples(_ data: Data) throws(FieldError) -> AgentSamples {
        let top = try decode(AgentWire.Samples.self, data, whole: [
            "sources": "expected an array of strings", "units": "expected an array of strings",
            "kinds": "expected an array of strings", "semantics": "expected an array of strings",
            "roles": "expected an array of strings or nulls", "polled": "expected an array of source names"])
        let gaps = try checkedGaps(top.gaps ?? [])
        let names = top.sources
        guard let units = top.units, units.count == names.count else {
            throw FieldError(field: "units", problem: "expected an array of \(names.count) strings")
        }
        let kinds = try counted(top.kinds, "kinds", count: names.count)
        let semantics = try counted(top.semantics, "semantics", count: names.count)
        if let roles = top.roles, roles.count != names.count {
            throw FieldError(field: "roles", problem: "expected an array of \(names.count) strings or nulls")
        }
        let polled = Set(top.polled ?? [])
        if let staleness = top.stalenessBoundSeconds, staleness.count != names.count {
            throw FieldError(field: "staleness_bound_s", problem: "expected an array of \(names.count) numbers or nulls")
        }
        var channels: [AgentSamples.Channel] = []
        for (i, name) in names.enumerated() {
            var channel = AgentSamples.Channel(name: name, unit: units[i], polled: polled.contains(name))
            if let staleness = top.stalenessBoundSeconds, let seconds = staleness[i] {
                guard seconds >= 0 else {
                    throw FieldError(field: "staleness_bound_s[\(i)]", problem: "expected a non-negative number or null")
                }
                channel.stalenessBoundSeconds = seconds
            }
            if let kinds {
                guard let kind = SourceKind(rawValue: kinds[i]) else {
                    throw FieldError(field: "kinds[\(i)]", problem: "unknown kind '\(kinds[i])'")
                }
                channel.kind = kind
            }
            if let semantics {
                guard let value = SampleSemantics(rawValue: semantics[i]) else {
                    throw FieldError(field: "semantics[\(i)]", problem: "unknown semantics '\(semantics[i])'")
                }
                channel.semantics = value
            } else {
                channel.semantics = ["J", "s", "B"].contains(units[i]) ? .counter : .gauge
            }
            if let roles = top.roles {
                channel.energyRole = roles[i].flatMap(EnergyRole.init(rawValue:))
            } else if units[i] == "J", name.hasPrefix("rapl.") {
                channel.energyRole = RAPLZone.role(forName: String(name.split(separator: ".").last ?? ""))
            }
            channels.append(channel)
        }
        let rows = try checkedRows(top.rows, columns: names.count)
        return AgentSamples(channels: channels, rows: rows, truncated: top.truncated ?? false, gaps: gaps)
    }

    /// The causes of unreadable readings (`gaps`; absent from older agents), each ending no
    /// earlier than it starts.
    package static func checkedGaps(_ gaps: [AgentWire.Gap]) throws(FieldError) -> [AgentSamples.Gap] {
        var out: [AgentSamples.Gap] = []
        for (i, gap) in gaps.enumerated() {
            if let to = gap.toUnixNanoseconds, to < gap.fromUnixNanoseconds {
                throw FieldError(field: "gaps[\(i)].to_unix_ns", problem: "expected null or at least from_unix_ns")
            }
            out.append(AgentSamples.Gap(source: gap.source, fromUnixNanoseconds: gap.fromUnixNanoseconds,
                                        toUnixNanoseconds: gap.toUnixNanoseconds, reason: gap.reason))
        }
        return out
    }

    /// The rows with `columns` values each, as `AgentSamples` rows.
    package static func checkedRows(_ rows: [AgentWire.Row], columns: Int) throws(FieldError) -> [AgentSamples.Row] {
        var out: [AgentSamples.Row] = []
        out.reserveCapacity(rows.count)
        for (r, row) in rows.enumerated() {
            guard row.values.count == columns else {
                throw FieldError(field: "rows[\(r)]", problem: "expected [t_unix_ns, \(columns) values]")
            }
            out.append(AgentSamples.Row(timeUnixNanoseconds: row.timeUnixNanoseconds, values: row.values))
        }
        return out
    }

    private static func counted(_ strings: [String]?, _ key: String, count: Int) throws(FieldError) -> [String]? {
        guard let strings else { return nil }
        guard strings.count == count else { throw FieldError(field: key, problem: "expected an array of \(count) strings") }
        return strings
    }
}
