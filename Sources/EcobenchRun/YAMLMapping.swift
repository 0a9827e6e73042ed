import Yams

/// A YAML mapping whose keys were checked against the format: no unknown keys (with a
/// "did you mean"; `allowed: nil` accepts any key, e.g. for `env`), no duplicates, all
/// required keys present.
package struct YAMLMapping {
    /// The mapping itself (its line is the one reported for missing keys).
    package let field: YAMLField
    /// Keys in document order.
    package let keys: [String]
    private let values: [String: YAMLField]

    package init(_ field: YAMLField, allowed: [String]?, required: [String],
                 misplaced: [String: String] = [:]) throws(WorkloadError) {
        guard case .mapping(let mapping) = field.node else {
            throw field.invalid("must be a mapping, got \(field.described)")
        }
        var keys: [String] = []
        var values: [String: YAMLField] = [:]
        for (keyNode, valueNode) in mapping {
            let keyField = YAMLField(node: keyNode, file: field.file, path: field.path, fallbackLine: field.line)
            guard case .scalar(let scalar) = keyNode else {
                throw keyField.invalid("keys must be plain strings, got \(keyField.described)")
            }
            let key = scalar.string
            let located = field.child(key, keyNode)
            if let allowed, !allowed.contains(key) {
                throw located.error(.unknownKey, "unknown key '\(key)'"
                                    + YAMLMapping.hint(for: key, allowed: allowed, misplaced: misplaced))
            }
            if let earlier = values[key] {
                throw located.invalid("duplicate key '\(key)' (first given on line \(earlier.line))")
            }
            keys.append(key)
            var value = YAMLField(node: valueNode, file: field.file, path: located.path,
                                  fallbackLine: located.line)
            if value.isNull {
                value = YAMLField(node: valueNode, file: field.file, path: located.path, line: located.line)
            }
            values[key] = value
        }
        for key in required where values[key] == nil {
            let missing = field.child(key, field.node)
            throw missing.error(.missingKey, "required key '\(key)' is missing")
        }
        self.field = field
        self.keys = keys
        self.values = values
    }

    /// "did you mean" for an unknown key: the closest allowed key, or a key that belongs in
    /// another mapping (`misplaced`: key → that mapping's path), or the list of allowed keys.
    private static func hint(for key: String, allowed: [String], misplaced: [String: String]) -> String {
        let here = KeySuggestion.rankedMatch(for: key, among: allowed)
        if let elsewhere = KeySuggestion.rankedMatch(for: key, among: Array(misplaced.keys).sorted()),
           let parent = misplaced[elsewhere.candidate], here.map({ elsewhere.rank < $0.rank }) ?? true {
            return "; did you mean '\(elsewhere.candidate)' under '\(parent):'?"
        }
        if let here { return "; did you mean '\(here.candidate)'?" }
        return " (expected one of: \(allowed.joined(separator: ", ")))"
    }

    /// The value of `key`, or nil if absent or empty (`key:`).
    package func optional(_ key: String) -> YAMLField? {
        guard let value = values[key], !value.isNull else { return nil }
        return value
    }

    /// The value of `key`, which the initializer already checked is present (an empty value
    /// is returned as is, so that its type check reports "got nothing").
    package func required(_ key: String) throws(WorkloadError) -> YAMLField {
        guard let value = values[key] else {
            throw field.child(key, field.node).error(.missingKey, "required key '\(key)' is missing")
        }
        return value
    }

    /// Whether `key` is present (even with an empty value).
    package func contains(_ key: String) -> Bool {
        values[key] != nil
    }
}
