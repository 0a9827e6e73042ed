import Foundation
import Yams
import EcobenchNet

/// Turns a composed YAML node into a `JSONValue` by the YAML 1.1 core schema's resolved tags:
/// quoted scalars stay strings, so `"8080"` is a string and `8080` a number, as the API server
/// expects. Mapping order is kept.
package enum YAMLJSONConverter {
    package static func convert(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map { .number(String($0)) } ?? .string(scalar.string)
            // A non-finite float (.inf, .nan) has no JSON form: it stays the text written.
            case .float: return node.float.flatMap { $0.isFinite ? .number("\($0)") : nil } ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .mapping(let mapping):
            return .object(mapping.map { (key: $0.key.string ?? "\($0.key)", value: convert($0.value)) })
        case .sequence(let sequence):
            return .array(sequence.map { convert($0) })
        }
    }
}
