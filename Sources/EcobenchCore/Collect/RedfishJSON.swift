import Foundation

/// Navigation in decoded Redfish JSON (`JSONSerialization` objects): links and RFC 6901
/// pointers.
enum RedfishJSON {
    /// The `@odata.id` of `object[key]`, e.g. `Chassis` in the service root.
    static func link(_ key: String, in object: [String: Any]) -> String? {
        (object[key] as? [String: Any])?["@odata.id"] as? String
    }

    /// The `@odata.id` of every entry of a collection's `Members`.
    static func members(of collection: [String: Any]) -> [String] {
        (collection["Members"] as? [Any] ?? []).compactMap {
            ($0 as? [String: Any])?["@odata.id"] as? String
        }
    }

    /// The value at an RFC 6901 pointer (`/PowerControl/0/PowerConsumedWatts`); nil if absent.
    static func value(at pointer: String, in root: Any) -> Any? {
        var current: Any = root
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let token = raw.replacingOccurrences(of: "~1", with: "/")
                .replacingOccurrences(of: "~0", with: "~")
            if let object = current as? [String: Any], let next = object[token] {
                current = next
            } else if let array = current as? [Any], let index = Int(token),
                      array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// The number at `pointer`, or the matching `RedfishError` (missing, null, not a number).
    static func number(at pointer: String, in root: Any, url: String) throws -> Double {
        guard let value = value(at: pointer, in: root) else {
            throw RedfishError.propertyMissing(url: url, pointer: pointer)
        }
        if value is NSNull { throw RedfishError.nullReading(url: url, pointer: pointer) }
        if let number = value as? NSNumber, number.doubleValue.isFinite,
           !(value is String) {
            return number.doubleValue
        }
        throw RedfishError.malformedJSON(
            url: url, detail: "\(pointer) is \(describeType(value)), expected a number")
    }

    /// The `ReadingTime` beside the value at `pointer` (a Sensor's `/Reading` → `/ReadingTime`):
    /// when the BMC acquired the reading, where it says; nil elsewhere.
    static func readingTime(besideValueAt pointer: String, in root: Any) -> String? {
        guard let slash = pointer.lastIndex(of: "/") else { return nil }
        return value(at: pointer[..<slash] + "/ReadingTime", in: root) as? String
    }

    static func describeType(_ value: Any) -> String {
        switch value {
        case is String: return "a string"
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        case is Bool: return "a boolean"
        default: return "not a number"
        }
    }
}
