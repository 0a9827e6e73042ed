extension WorkloadSpec {
    /// A process to run: an argv (no shell) or a `/bin/sh -c` script, with its environment,
    /// time limit and working directory. Strings may contain placeholders (`{load_s}`, ...)
    /// that `resolved(with:)` substitutes.
    public struct Command: Hashable, Sendable {
        /// What to execute.
        public enum Invocation: Hashable, Sendable {
            /// Executed directly; `argv[0]` is looked up on `PATH` if it has no `/`.
            case argv([String])
            /// Executed as `/bin/sh -c <script>`.
            case shell(String)
        }

        public var invocation: Invocation
        /// Extra environment variables, added to (and overriding) the runner's environment.
        public var environment: [String: String]
        /// Hard limit on the command's run time; nil = the runner's default (none for service).
        public var timeoutSeconds: Double?
        /// Working directory; a relative path is taken relative to `{workload_dir}`.
        /// nil = the runner's choice (suggested: `{run_dir}`).
        public var workingDirectory: String?
        /// Where the command is written (field e.g. `setup[0]`, `service`, `load`).
        public var location: SourceLocation

        public init(invocation: Invocation, environment: [String: String] = [:],
                    timeoutSeconds: Double? = nil, workingDirectory: String? = nil,
                    location: SourceLocation) {
            self.invocation = invocation
            self.environment = environment
            self.timeoutSeconds = timeoutSeconds
            self.workingDirectory = workingDirectory
            self.location = location
        }

        /// The command with every placeholder in argv/shell, env values and cwd replaced by
        /// `values` (keys are placeholder names without braces, e.g. `"load_s"`; see
        /// `WorkloadSpec.placeholderValues(runDirectory:)`). A shell command becomes
        /// `["/bin/sh", "-c", script]`. A relative cwd is joined to `values["workload_dir"]`.
        /// Throws `.missingPlaceholderValue` if a placeholder the command uses has no value.
        public func resolved(with values: [String: String]) throws(WorkloadError) -> ResolvedCommand {
            let argv: [String]
            switch invocation {
            case .argv(let words):
                var substituted: [String] = []
                for word in words {
                    substituted.append(try substitute(word, values, field: "argv"))
                }
                argv = substituted
            case .shell(let script):
                argv = ["/bin/sh", "-c", try substitute(script, values, field: "shell")]
            }
            var resolvedEnvironment: [String: String] = [:]
            for (key, value) in environment {
                resolvedEnvironment[key] = try substitute(value, values, field: "env.\(key)")
            }
            var directory: String?
            if let workingDirectory {
                let substituted = try substitute(workingDirectory, values, field: "cwd")
                if !substituted.hasPrefix("/"), let base = values[Placeholder.workloadDirectory.rawValue] {
                    directory = base.hasSuffix("/") ? base + substituted : base + "/" + substituted
                } else {
                    directory = substituted
                }
            }
            return ResolvedCommand(argv: argv, environment: resolvedEnvironment,
                                   timeoutSeconds: timeoutSeconds, workingDirectory: directory,
                                   usesShell: { if case .shell = invocation { return true } else { return false } }(),
                                   location: location)
        }

        private func substitute(_ text: String, _ values: [String: String],
                                field: String) throws(WorkloadError) -> String {
            switch WorkloadSpec.substitute(text, with: values) {
            case .success(let output):
                return output
            case .failure(let missing):
                throw location.with(field: "\(location.field).\(field)").error(
                    .missingPlaceholderValue,
                    "no value given for placeholder {\(missing.name)} (runner bug: pass all of \(Placeholder.allSpelled))")
            }
        }
    }
}
