extension WorkloadSpec {
    /// The load generator of the load phase, and how to count the work it did.
    ///
    /// The command is expected to end by itself after about `{load_s}` seconds (pass the
    /// placeholder to its duration option); the load phase lasts from its start to its exit.
    public struct Load: Hashable, Sendable {
        public var command: Command
        public var functionalUnits: FunctionalUnits

        public init(command: Command, functionalUnits: FunctionalUnits) {
            self.command = command
            self.functionalUnits = functionalUnits
        }
    }
}
