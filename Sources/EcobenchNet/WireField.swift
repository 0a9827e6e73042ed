import Foundation

/// Names the field a `DecodingError` happened at, in the path style the decoders' errors use
/// (`rows[1][1]`, `data.result[0].metric`), so typed wire formats keep naming the field.
package enum WireField {
    /// `a.b[0][1]`: keys joined by dots, array indices in brackets; "(document)" for the root.
    package static func path(_ codingPath: [any CodingKey]) -> String {
        var out = ""
        for key in codingPath {
            if let index = key.intValue, key.stringValue.hasPrefix("Index ") || key is WireIndex {
                out += "[\(index)]"
            } else {
                out += out.isEmpty ? key.stringValue : "." + key.stringValue
            }
        }
        return out.isEmpty ? "(document)" : out
    }

    /// The field and problem of a decoding error (`missing`, `expected a number`, or the
    /// description a wire type threw with).
    package static func describe(_ error: DecodingError) -> (field: String, problem: String, codingPath: [any CodingKey]) {
        switch error {
        case .keyNotFound(let key, let context):
            let full = context.codingPath + [key]
            return (path(full), "missing", full)
        case .valueNotFound(let type, let context):
            return (path(context.codingPath), "expected \(name(of: type)), found null", context.codingPath)
        case .typeMismatch(let type, let context):
            return (path(context.codingPath), "expected \(name(of: type))", context.codingPath)
        case .dataCorrupted(let context):
            return (path(context.codingPath), context.debugDescription, context.codingPath)
        @unknown default:
            return ("(document)", "\(error)", [])
        }
    }

    /// True when the error is the document itself not being JSON (as opposed to a wrong field).
    package static func isNotJSON(_ error: DecodingError) -> Bool {
        if case .dataCorrupted(let context) = error, context.codingPath.isEmpty { return true }
        return false
    }

    /// A wire type's own complaint about the value at the decoder's position.
    package static func corrupted(_ problem: String, at codingPath: [any CodingKey]) -> DecodingError {
        .dataCorrupted(.init(codingPath: codingPath, debugDescription: problem))
    }

    private static func name(of type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        case is Int64.Type, is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is [Any].Type: return "an array"
        case is [String: Any].Type: return "an object"  // the type JSONDecoder names for an object
        default: return "\(type)"
        }
    }
}

/// An array position in a coding path (`[3]`).
package struct WireIndex: CodingKey {
    package var intValue: Int?
    package var stringValue: String { "Index \(intValue ?? 0)" }
    package init(_ index: Int) { intValue = index }
    package init?(intValue: Int) { self.intValue = intValue }
    package init?(stringValue: String) { nil }
}
