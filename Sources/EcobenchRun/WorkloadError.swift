import Foundation

/// Why a workload file (or an override of it) cannot be used.
///
/// Every error renders as one line that names the file, the line and the field, e.g.
/// `Workloads/x.yaml:7: phases.idle_s: must be a number ≥ 0, got -5`, so it can be shown
/// as-is by the CLI and located by an editor.
public struct WorkloadError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Broad category, for callers that react differently (e.g. offer to install a package).
    public enum Kind: String, Sendable {
        /// The file does not exist or cannot be read as UTF-8.
        case unreadableFile
        /// The text is not valid YAML (the line is libyaml's).
        case invalidYAML
        /// A key that the format does not know.
        case unknownKey
        /// A required key is absent (the line is that of the enclosing mapping).
        case missingKey
        /// Wrong type, out of range, bad pattern, conflicting keys.
        case invalidValue
        /// `{something}` that is not one of the six placeholders.
        case unknownPlaceholder
        /// A binary listed under `requires` is not on `PATH`.
        case missingBinary
        /// A command-line override (`--idle`, `--repetitions`, ...) is out of range.
        case invalidOverride
        /// `Command.resolved(with:)` was not given a value for a placeholder the command uses.
        case missingPlaceholderValue
        /// The load's output did not contain what `functional_units.regex` looks for.
        case functionalUnitsNotFound
    }

    public var kind: Kind
    /// The workload file as it was named to the parser (e.g. `Workloads/idle.yaml`).
    public var file: String
    /// 1-based line in `file`; nil where no line applies (file missing, command-line override).
    public var line: Int?
    /// Dotted path of the offending field (`phases.idle_s`, `setup[1].argv`, `--idle`), if any.
    public var field: String?
    /// What is wrong, one line, without the location prefix.
    public var message: String

    public init(kind: Kind, file: String, line: Int?, field: String?, message: String) {
        self.kind = kind
        self.file = file
        self.line = line
        self.field = field
        self.message = WorkloadError.singleLine(message)
    }

    /// `file:line: field: message`, parts that are absent left out.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field, !field.isEmpty { text += "\(field): " }
        return text + message
    }

    /// Collapses line breaks so that an embedded message (libyaml's, the OS's) stays on one line.
    package static func singleLine(_ text: String) -> String {
        text.split(whereSeparator: \.isNewline)
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
            .joined(separator: " ")
    }
}

extension WorkloadError: LocalizedError {
    public var errorDescription: String? { description }
}
