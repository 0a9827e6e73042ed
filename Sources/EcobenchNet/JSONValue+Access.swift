import Foundation

/// Reading a `JSONValue` whose shape is not fixed (Redfish resources): typed accessors that
/// answer nil for a value of another type, and RFC 6901 pointers.
extension JSONValue {
    /// A JSON number that is finite as a Double (nil for strings, booleans and other values).
    public var numberValue: Double? {
        guard case .number(let text) = self, let number = Double(text), number.isFinite else { return nil }
        return number
    }

    /// The elements of an array value (nil for other values).
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// True for `null`.
    public var isNull: Bool { self == .null }

    /// True when this is an object with a member `key` (of any value, `null` included).
    public func hasMember(_ key: String) -> Bool { objectMembers?.contains { $0.key == key } ?? false }

    /// The value at an RFC 6901 pointer (`/PowerControl/0/PowerConsumedWatts`); nil if absent.
    public func value(atPointer pointer: String) -> JSONValue? {
        var current = self
        for raw in pointer.split(separator: "/", omittingEmptySubsequences: true) {
            let token = raw.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let next = current[token] {
                current = next
            } else if let elements = current.arrayValue, let index = Int(token), elements.indices.contains(index) {
                current = elements[index]
            } else {
                return nil
            }
        }
        return current
    }

    /// What kind of value this is, for errors: "a string", "an array", "an object", "a boolean",
    /// "null", or "not a number" (a number outside Double's range).
    public var kindDescription: String {
        switch self {
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        case .bool: return "a boolean"
        case .null: return "null"
        case .number: return "not a number"
        }
    }

    /// Parses `data` as JSON (any top-level value) with Foundation's JSONDecoder, which, unlike the
    /// strict canonicalisation parser, takes what devices send (duplicate keys: the last wins).
    public static func decode(_ data: Data) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: data)
    }
}
