import Foundation

/// Parses the agent's `/samples` and `/clock` JSON (docs/agent-and-cluster.md, "Node agent"). Errors name the
/// field that is missing or wrong, and the caller adds the agent and URL.
enum AgentSamplesDecoder {
    struct FieldError: Error {
        var field: String
        var problem: String
    }

    static func object(_ data: Data) throws(FieldError) -> [String: Any] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            throw FieldError(field: "(document)", problem: "not JSON: \(String(decoding: data.prefix(120), as: UTF8.self))")
        }
        guard let object = parsed as? [String: Any] else {
            throw FieldError(field: "(document)", problem: "expected a JSON object")
        }
        return object
    }

    static func integer(_ object: [String: Any], _ key: String, path: String? = nil) throws(FieldError) -> Int64 {
        guard let number = object[key] as? NSNumber else {
            throw FieldError(field: path ?? key, problem: object[key] == nil ? "missing" : "expected an integer")
        }
        return number.int64Value
    }

    /// `/clock`: `{"unix_ns":…,"monotonic_ns":…}` → unix ns.
    static func clock(_ data: Data) throws(FieldError) -> Int64 {
        try integer(try object(data), "unix_ns")
    }

    static func samples(_ data: Data) throws(FieldError) -> AgentSamples {
        let top = try object(data)
        guard let names = top["sources"] as? [String] else {
            throw FieldError(field: "sources", problem: top["sources"] == nil ? "missing" : "expected an array of strings")
        }
        guard let units = top["units"] as? [String], units.count == names.count else {
            throw FieldError(field: "units", problem: "expected an array of \(names.count) strings")
        }
        let kinds = try optionalStrings(top, "kinds", count: names.count)
        let semantics = try optionalStrings(top, "semantics", count: names.count)
        let roles = top["roles"] as? [Any]
        if top["roles"] != nil && roles?.count != names.count {
            throw FieldError(field: "roles", problem: "expected an array of \(names.count) strings or nulls")
        }
        if top["polled"] != nil && !(top["polled"] is [String]) {
            throw FieldError(field: "polled", problem: "expected an array of source names")
        }
        let polled = Set(top["polled"] as? [String] ?? [])
        let staleness = top["staleness_bound_s"] as? [Any]
        if top["staleness_bound_s"] != nil && staleness?.count != names.count {
            throw FieldError(field: "staleness_bound_s", problem: "expected an array of \(names.count) numbers or nulls")
        }
        var channels: [AgentSamples.Channel] = []
        for (i, name) in names.enumerated() {
            var channel = AgentSamples.Channel(name: name, unit: units[i], polled: polled.contains(name))
            if let staleness, !(staleness[i] is NSNull) {
                guard let seconds = (staleness[i] as? NSNumber)?.doubleValue, seconds.isFinite, seconds >= 0 else {
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
            if let roles {
                channel.energyRole = (roles[i] as? String).flatMap(EnergyRole.init(rawValue:))
            } else if units[i] == "J", name.hasPrefix("rapl.") {
                channel.energyRole = RAPLZone.role(forName: String(name.split(separator: ".").last ?? ""))
            }
            channels.append(channel)
        }
        guard let rawRows = top["rows"] as? [Any] else {
            throw FieldError(field: "rows", problem: top["rows"] == nil ? "missing" : "expected an array")
        }
        var rows: [AgentSamples.Row] = []
        rows.reserveCapacity(rawRows.count)
        for (r, raw) in rawRows.enumerated() {
            guard let cells = raw as? [Any], cells.count == names.count + 1,
                  let time = cells[0] as? NSNumber else {
                throw FieldError(field: "rows[\(r)]", problem: "expected [t_unix_ns, \(names.count) values]")
            }
            var values: [Double?] = []
            values.reserveCapacity(names.count)
            for (j, cell) in cells.dropFirst().enumerated() {
                if cell is NSNull { values.append(nil); continue }
                guard let number = cell as? NSNumber, number.doubleValue.isFinite else {
                    throw FieldError(field: "rows[\(r)][\(j + 1)]", problem: "expected a number or null")
                }
                values.append(number.doubleValue)
            }
            rows.append(AgentSamples.Row(timeUnixNanoseconds: time.int64Value, values: values))
        }
        let truncated = (top["truncated"] as? Bool) ?? false
        return AgentSamples(channels: channels, rows: rows, truncated: truncated)
    }

    private static func optionalStrings(_ top: [String: Any], _ key: String, count: Int) throws(FieldError) -> [String]? {
        guard let value = top[key] else { return nil }
        guard let strings = value as? [String], strings.count == count else {
            throw FieldError(field: key, problem: "expected an array of \(count) strings")
        }
        return strings
    }
}
