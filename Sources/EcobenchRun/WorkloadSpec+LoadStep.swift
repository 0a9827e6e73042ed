extension WorkloadSpec {
    /// One step of the standard usage scenario (`load.steps[i]`): a named command, run after the
    /// step before it ended. Logged with its start and end (unix ns) and how it ended.
    ///
    /// With `durationSeconds` the step lasts that long: a command still running then is stopped
    /// (SIGTERM to its process group, as at a run's end), which is how the step is meant to end;
    /// one that ends earlier with exit code 0 is followed by waiting out the rest (a timed pause
    /// in the scenario). Without it the step runs to completion (limit: the command's
    /// `timeout_s`, else the whole load's limit). A step that ends by itself with a non-zero
    /// exit code fails the run.
    public struct LoadStep: Hashable, Sendable {
        /// The name of a single `load` command run as the scenario's one step.
        public static let singleCommandName = "load"

        /// Free text, one line, unique within the load (shown in the scenario log).
        public var name: String
        public var command: Command
        /// How long the step lasts (> 0 s); nil: until the command exits.
        public var durationSeconds: Double?

        public init(name: String, command: Command, durationSeconds: Double?) {
            self.name = name
            self.command = command
            self.durationSeconds = durationSeconds
        }
    }
}
