extension WorkloadSpec {
    /// A command ready to spawn: placeholders substituted, shell scripts wrapped in `/bin/sh -c`.
    public struct ResolvedCommand: Hashable, Sendable {
        /// Program and arguments; `argv[0]` without `/` is looked up on `PATH`.
        /// For a `shell:` command: `["/bin/sh", "-c", script]`.
        public var argv: [String]
        /// Variables to add to (and override in) the runner's environment.
        public var environment: [String: String]
        /// Hard limit on run time; nil = the runner's default.
        public var timeoutSeconds: Double?
        /// Absolute (if `{workload_dir}` was given) working directory; nil = runner's choice.
        public var workingDirectory: String?
        /// Whether the command was written as `shell:`.
        public var usesShell: Bool
        /// Where the command is written, for error messages about running it.
        public var location: SourceLocation

        public init(argv: [String], environment: [String: String], timeoutSeconds: Double?,
                    workingDirectory: String?, usesShell: Bool, location: SourceLocation) {
            self.argv = argv
            self.environment = environment
            self.timeoutSeconds = timeoutSeconds
            self.workingDirectory = workingDirectory
            self.usesShell = usesShell
            self.location = location
        }

        /// The program name (`argv[0]`), for log lines.
        public var executable: String { argv.first ?? "" }
    }
}
