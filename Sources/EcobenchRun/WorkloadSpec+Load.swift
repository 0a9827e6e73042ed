extension WorkloadSpec {
    /// The load generator of the load phase, and how to count the work it did.
    ///
    /// Either one command (`load.argv` / `load.shell`), expected to end by itself after about
    /// `{load_s}` seconds (pass the placeholder to its duration option), or `load.steps`: the
    /// standard usage scenario as named, timed steps run in order. The load phase lasts from
    /// the start of the (first) command to the end of the (last) one. `functionalUnits` counts
    /// the whole load phase: over all steps' output, in step order, and the phase's duration.
    public struct Load: Hashable, Sendable {
        /// The single load command; nil when the load is given as `steps`.
        public var command: Command?
        public var functionalUnits: FunctionalUnits
        /// The scenario's steps, in order; empty for a single command.
        public var steps: [LoadStep] = []

        public init(command: Command, functionalUnits: FunctionalUnits) {
            self.command = command
            self.functionalUnits = functionalUnits
        }

        public init(steps: [LoadStep], functionalUnits: FunctionalUnits) {
            self.command = nil
            self.steps = steps
            self.functionalUnits = functionalUnits
        }

        /// What the load phase runs, in order: the steps, or the single command as one step
        /// named `load` that runs to completion (so every run logs its load the same way).
        public var scenario: [LoadStep] {
            if !steps.isEmpty { return steps }
            guard let command else { return [] }
            return [LoadStep(name: LoadStep.singleCommandName, command: command, durationSeconds: nil)]
        }
    }
}
