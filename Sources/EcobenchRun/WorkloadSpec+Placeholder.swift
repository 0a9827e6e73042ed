extension WorkloadSpec {
    /// The values a command may refer to as `{name}`; substituted at run time by
    /// `Command.resolved(with:)`. `{{` and `}}` stand for literal braces.
    /// Braces around anything that is not a lowercase identifier (`${HOME}`, `{a,b}`,
    /// `{ print $1 }`) are left alone.
    public enum Placeholder: String, CaseIterable, Sendable {
        case baselineSeconds = "baseline_s"
        case idleSeconds = "idle_s"
        case loadSeconds = "load_s"
        case cooldownSeconds = "cooldown_s"
        /// Absolute directory of the workload's YAML file.
        case workloadDirectory = "workload_dir"
        /// Per-run scratch directory chosen by the runner.
        case runDirectory = "run_dir"

        /// `{baseline_s}, {idle_s}, ...` for messages.
        package static var allSpelled: String {
            allCases.map { "{\($0.rawValue)}" }.joined(separator: ", ")
        }
    }

    /// A string split into literal text and `{name}` references.
    package enum TemplatePart: Equatable {
        case literal(String)
        case placeholder(String)
    }

    /// Splits `text` into literals and placeholder names; `{{`/`}}` become literal braces.
    package static func templateParts(of text: String) -> [TemplatePart] {
        var parts: [TemplatePart] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next: Character? = index + 1 < characters.count ? characters[index + 1] : nil
            if (character == "{" && next == "{") || (character == "}" && next == "}") {
                literal.append(character)
                index += 2
                continue
            }
            if character == "{", let name = identifier(in: characters, from: index + 1) {
                if !literal.isEmpty { parts.append(.literal(literal)) }
                literal = ""
                parts.append(.placeholder(name))
                index += name.count + 2
                continue
            }
            literal.append(character)
            index += 1
        }
        if !literal.isEmpty { parts.append(.literal(literal)) }
        return parts
    }

    /// The lowercase identifier starting at `start` if it is closed by `}`.
    private static func identifier(in characters: [Character], from start: Int) -> String? {
        var name = ""
        var index = start
        while index < characters.count {
            let character = characters[index]
            if character == "}" { return name.isEmpty ? nil : name }
            let allowed = ("a"..."z").contains(character) || character == "_"
                || (!name.isEmpty && ("0"..."9").contains(character))
            if !allowed { return nil }
            name.append(character)
            index += 1
        }
        return nil
    }

    /// Placeholder names used in `text` that are not among the six known ones.
    package static func unknownPlaceholders(in text: String) -> [String] {
        templateParts(of: text).compactMap { part in
            if case .placeholder(let name) = part, Placeholder(rawValue: name) == nil { return name }
            return nil
        }
    }

    /// `text` with every placeholder replaced; the first name without a value is returned instead.
    package static func substitute(_ text: String, with values: [String: String]) -> Result<String, MissingValue> {
        var output = ""
        for part in templateParts(of: text) {
            switch part {
            case .literal(let literal):
                output += literal
            case .placeholder(let name):
                guard let value = values[name] else { return .failure(MissingValue(name: name)) }
                output += value
            }
        }
        return .success(output)
    }

    /// A placeholder that `substitute` found no value for.
    package struct MissingValue: Error {
        package var name: String
    }
}
