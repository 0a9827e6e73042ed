extension WorkloadSpec {
    /// One of `services:`: started in its own cgroup at the start of each repetition's idle
    /// phase, stopped after its cooldown, and reported in its own row (`service.<name>.*` channels).
    public struct Service: Sendable, Hashable {
        /// Lower-case letters, digits, `_` and `-` (part of channel names).
        public var name: String
        public var command: Command

        public init(name: String, command: Command) {
            self.name = name
            self.command = command
        }

        /// Whether `name` can be part of a channel name: `[a-z0-9_-]+`.
        public static func isValidName(_ name: String) -> Bool {
            !name.isEmpty && name.utf8.allSatisfy {
                ($0 >= 0x61 && $0 <= 0x7a) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5f || $0 == 0x2d
            }
        }
    }

    /// Whether the workload starts anything the load drives (`service:` or `services:`): then the
    /// load command is a client, measured as the load generator, not as the workload.
    public var hasService: Bool { service != nil || !services.isEmpty }
}

extension WorkloadParser {
    /// `services:`: a list of commands, each with a unique `name`.
    package static func parseServices(_ field: YAMLField?) throws(WorkloadError) -> [WorkloadSpec.Service] {
        guard let field else { return [] }
        var services: [WorkloadSpec.Service] = []
        let items = try field.items()
        if items.isEmpty { throw field.invalid("must list at least one service") }
        for item in items {
            let parsed = try parseCommand(item, extraKeys: ["name"], requiredExtraKeys: ["name"])
            let nameField = try parsed.mapping.required("name")
            let name = try nameField.string()
            guard WorkloadSpec.Service.isValidName(name) else {
                throw nameField.invalid("'\(name)' must be lower-case letters, digits, '_' or '-'")
            }
            if services.contains(where: { $0.name == name }) {
                throw nameField.invalid("service name '\(name)' is used twice")
            }
            services.append(.init(name: name, command: parsed.command))
        }
        return services
    }
}
