import Foundation
import EcobenchNet

/// Navigation in Redfish JSON (`JSONValue`: resources are schema-rich and irregular, so they stay
/// generic values read by accessors): links and RFC 6901 pointers.
package enum RedfishJSON {
    /// The `@odata.id` of `object[key]`, e.g. `Chassis` in the service root.
    package static func link(_ key: String, in object: JSONValue) -> String? {
        object[key]?["@odata.id"]?.stringValue
    }

    /// The `@odata.id` of every entry of a collection's `Members`.
    package static func members(of collection: JSONValue) -> [String] {
        (collection["Members"]?.arrayValue ?? []).compactMap { $0["@odata.id"]?.stringValue }
    }

    /// The value at an RFC 6901 pointer (`/PowerControl/0/PowerConsumedWatts`); nil if absent.
    package static func value(at pointer: String, in root: JSONValue) -> JSONValue? {
        root.value(atPointer: pointer)
    }

    /// The number at `pointer`, or the matching `RedfishError` (missing, null, not a number).
    package static func number(at pointer: String, in root: JSONValue, url: String) throws -> Double {
        guard let value = value(at: pointer, in: root) else {
            throw RedfishError.propertyMissing(url: url, pointer: pointer)
        }
        if value.isNull { throw RedfishError.nullReading(url: url, pointer: pointer) }
        if let number = value.numberValue { return number }
        throw RedfishError.malformedJSON(url: url, detail: "\(pointer) is \(value.kindDescription), expected a number")
    }

    /// The `ReadingTime` beside the value at `pointer` (a Sensor's `/Reading` → `/ReadingTime`):
    /// when the BMC acquired the reading, where it says; nil elsewhere.
    package static func readingTime(besideValueAt pointer: String, in root: JSONValue) -> String? {
        guard let slash = pointer.lastIndex(of: "/") else { return nil }
        return value(at: pointer[..<slash] + "/ReadingTime", in: root)?.stringValue
    }
}
