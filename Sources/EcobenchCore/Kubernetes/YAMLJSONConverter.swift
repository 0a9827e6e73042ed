import Foundation
import Yams

/// Turns a composed YAML node into JSON-compatible values (dictionaries, arrays, strings,
/// numbers, booleans, NSNull) by the YAML 1.1 core schema's resolved tags: quoted scalars stay
/// strings, so `"8080"` is a string and `8080` a number, as the API server expects.
enum YAMLJSONConverter {
    static func convert(_ node: Node) -> Any {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.description) {
            case .null: return NSNull()
            case .bool: return node.bool ?? scalar.string
            case .int: return node.int ?? scalar.string
            case .float: return node.float ?? scalar.string
            default: return scalar.string
            }
        case .mapping(let mapping):
            var out: [String: Any] = [:]
            for (key, value) in mapping { out[key.string ?? "\(key)"] = convert(value) }
            return out
        case .sequence(let sequence):
            return sequence.map { convert($0) }
        }
    }
}
