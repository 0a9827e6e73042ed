import Yams

/// A YAML node with the file, line and dotted field path it came from, and typed accessors
/// whose errors carry all three.
package struct YAMLField {
    package let node: Node
    package let file: String
    /// Dotted path: `phases.idle_s`, `setup[0].argv`; empty for the document root.
    package let path: String
    /// 1-based line of the node (the parent's line if libyaml gave none).
    package let line: Int

    package init(node: Node, file: String, path: String, fallbackLine: Int) {
        self.node = node
        self.file = file
        self.path = path
        self.line = node.mark?.line ?? fallbackLine
    }

    /// A field reported at `line` whatever libyaml's mark says (used for empty values,
    /// whose mark points past the key).
    package init(node: Node, file: String, path: String, line: Int) {
        self.node = node
        self.file = file
        self.path = path
        self.line = line
    }

    package var location: WorkloadSpec.SourceLocation {
        WorkloadSpec.SourceLocation(file: file, line: line, field: path)
    }

    package func error(_ kind: WorkloadError.Kind, _ message: String) -> WorkloadError {
        WorkloadError(kind: kind, file: file, line: line, field: path.isEmpty ? nil : path, message: message)
    }

    package func invalid(_ message: String) -> WorkloadError {
        error(.invalidValue, message)
    }

    /// The resolved YAML tag (`int`, `float`, `str`, `null`, ...); quoted scalars are `str`.
    package var tagName: Tag.Name {
        Tag.Name(rawValue: node.tag.description)
    }

    /// An empty value (`key:` or `key: ~`).
    package var isNull: Bool {
        if case .scalar(let scalar) = node, tagName == .null {
            return scalar.string.isEmpty || scalar.string == "~" || scalar.string.lowercased() == "null"
        }
        return false
    }

    /// What the node is, for "got ..." in messages: `-5`, `"abc"`, `a list`, `a mapping`, `nothing`.
    package var described: String {
        switch node {
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .scalar(let scalar):
            if isNull { return "nothing" }
            let text = scalar.string.count > 40 ? String(scalar.string.prefix(40)) + "…" : scalar.string
            return tagName == .str ? "\"\(text)\"" : text
        }
    }

    package func child(_ key: String, _ node: Node) -> YAMLField {
        YAMLField(node: node, file: file, path: path.isEmpty ? key : "\(path).\(key)", fallbackLine: line)
    }

    package func item(_ index: Int, _ node: Node) -> YAMLField {
        YAMLField(node: node, file: file, path: "\(path)[\(index)]", fallbackLine: line)
    }

    /// The node as a mapping restricted to `allowed` keys, with `required` ones present.
    /// `misplaced` maps keys of other mappings to their path, for a better "did you mean".
    package func mapping(allowed: [String]?, required: [String] = [],
                         misplaced: [String: String] = [:]) throws(WorkloadError) -> YAMLMapping {
        try YAMLMapping(self, allowed: allowed, required: required, misplaced: misplaced)
    }

    /// The items of a list (an empty value counts as an empty list).
    package func items() throws(WorkloadError) -> [YAMLField] {
        if isNull { return [] }
        guard case .sequence(let sequence) = node else {
            throw invalid("must be a list, got \(described)")
        }
        return sequence.enumerated().map { item($0.offset, $0.element) }
    }

    /// Any scalar's text as written (numbers and booleans included); rejects lists,
    /// mappings and empty values, and empty text unless `allowEmpty`.
    package func string(allowEmpty: Bool = false) throws(WorkloadError) -> String {
        guard case .scalar(let scalar) = node, !isNull else {
            throw invalid("must be a string, got \(described)")
        }
        if !allowEmpty, scalar.string.trimmingCharacters(in: .whitespaces).isEmpty {
            throw invalid("must not be empty")
        }
        return scalar.string
    }

    /// A list of scalars, each as written.
    package func stringList(allowEmptyItems: Bool = false) throws(WorkloadError) -> [String] {
        guard case .sequence = node else {
            throw invalid("must be a list of strings, got \(described)")
        }
        var strings: [String] = []
        for element in try items() {
            strings.append(try element.string(allowEmpty: allowEmptyItems))
        }
        return strings
    }

    /// The numeric value of an int or float scalar, or nil.
    package var number: Double? {
        guard case .scalar = node else { return nil }
        switch tagName {
        case .int: return node.int.map(Double.init)
        case .float: return node.float
        default: return nil
        }
    }

    /// A duration in seconds, ≥ 0 (or > 0 if `mustBePositive`), finite.
    package func seconds(mustBePositive: Bool) throws(WorkloadError) -> Double {
        guard let value = number else {
            throw invalid("must be a number \(mustBePositive ? "> 0" : "≥ 0"), got \(described)")
        }
        if let problem = WorkloadSpec.Phases.problem(with: value, mustBePositive: mustBePositive) {
            throw invalid(problem)
        }
        return value
    }

    /// An integer scalar (no fraction, not quoted) that is at least `minimum`.
    package func integer(minimum: Int) throws(WorkloadError) -> Int {
        guard case .scalar = node, tagName == .int, let value = node.int else {
            throw invalid("must be an integer ≥ \(minimum), got \(described)")
        }
        guard value >= minimum else {
            throw invalid("must be an integer ≥ \(minimum), got \(value)")
        }
        return value
    }
}
