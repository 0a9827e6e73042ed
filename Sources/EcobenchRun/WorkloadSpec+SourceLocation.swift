extension WorkloadSpec {
    /// Where something was written in a workload file, so that errors found later (when
    /// validating the environment, resolving placeholders or counting functional units)
    /// still point at the line that caused them.
    public struct SourceLocation: Hashable, Sendable {
        /// The workload file as it was named to the parser.
        public var file: String
        /// 1-based line.
        public var line: Int
        /// Dotted path of the field, e.g. `setup[0]`, `load.functional_units.regex`.
        public var field: String

        public init(file: String, line: Int, field: String) {
            self.file = file
            self.line = line
            self.field = field
        }

        /// An error located here.
        package func error(_ kind: WorkloadError.Kind, _ message: String) -> WorkloadError {
            WorkloadError(kind: kind, file: file, line: line, field: field, message: message)
        }

        /// The same place with a different (usually deeper) field path.
        package func with(field: String) -> SourceLocation {
            SourceLocation(file: file, line: line, field: field)
        }
    }
}
