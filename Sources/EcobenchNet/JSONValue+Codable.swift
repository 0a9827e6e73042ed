import Foundation

/// `JSONValue` at Codable boundaries (a workload's Kubernetes manifests, which are sent as the
/// user wrote them): decoded from any JSON/YAML decoder, encoded through any encoder. Numbers
/// keep their text where the decoder gives it; otherwise integers stay integers.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var elements: [JSONValue] = []
            while !list.isAtEnd { elements.append(try list.decode(JSONValue.self)) }
            self = .array(elements)
            return
        }
        if let map = try? decoder.container(keyedBy: JSONValueKey.self) {
            self = .object(try map.allKeys.map { (key: $0.stringValue, value: try map.decode(JSONValue.self, forKey: $0)) })
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let flag = try? single.decode(Bool.self) { self = .bool(flag) }
        else if let whole = try? single.decode(Int64.self) { self = .number(String(whole)) }
        else if let real = try? single.decode(Double.self), real.isFinite { self = .number("\(real)") }
        else { self = .string(try single.decode(String.self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .object(let members):
            var map = encoder.container(keyedBy: JSONValueKey.self)
            for (key, value) in members { try map.encode(value, forKey: JSONValueKey(stringValue: key)) }
        case .array(let elements):
            var list = encoder.unkeyedContainer()
            for element in elements { try list.encode(element) }
        case .string(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .number(let text):
            var single = encoder.singleValueContainer()
            if let whole = Int64(text) { try single.encode(whole) } else if let real = Double(text) { try single.encode(real) } else {
                throw EncodingError.invalidValue(text, .init(codingPath: encoder.codingPath, debugDescription: "not a JSON number"))
            }
        case .bool(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .null:
            var single = encoder.singleValueContainer()
            try single.encodeNil()
        }
    }

    /// The text of a string value (nil for other values).
    public var stringValue: String? {
        guard case .string(let text) = self else { return nil }
        return text
    }

    /// The members of an object value (nil for other values).
    public var objectMembers: [(key: String, value: JSONValue)]? {
        guard case .object(let members) = self else { return nil }
        return members
    }
}

package struct JSONValueKey: CodingKey {
    package var stringValue: String
    package var intValue: Int? { nil }
    package init(stringValue: String) { self.stringValue = stringValue }
    package init?(intValue: Int) { nil }
}
