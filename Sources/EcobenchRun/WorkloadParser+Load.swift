extension WorkloadParser {
    package static let loadKeys = commandKeys + ["functional_units", "steps"]
    package static let loadStepKeys = ["name", "duration_s"]

    /// `load:` as one command (`argv`/`shell`, `env`, `timeout_s`, `cwd`) or as `steps:` (a list
    /// of named commands), with `functional_units` for the whole load phase either way.
    package static func parseLoad(_ field: YAMLField) throws(WorkloadError) -> WorkloadSpec.Load {
        let mapping = try field.mapping(allowed: loadKeys, required: ["functional_units"])
        guard mapping.contains("steps") else {
            let (command, _) = try parseCommand(field, extraKeys: ["functional_units", "steps"])
            let units = try parseFunctionalUnits(try mapping.required("functional_units"))
            return WorkloadSpec.Load(command: command, functionalUnits: units)
        }
        for key in commandKeys where mapping.contains(key) {
            throw try mapping.required(key).invalid(
                "'\(key)' belongs in each step when the load is given as 'steps' (give either a command or steps)")
        }
        let steps = try parseLoadSteps(try mapping.required("steps"))
        let units = try parseFunctionalUnits(try mapping.required("functional_units"))
        return WorkloadSpec.Load(steps: steps, functionalUnits: units)
    }

    /// `load.steps:` at least one step, each a command with a unique one-line `name` and an
    /// optional `duration_s` (> 0; then no `timeout_s`, since the duration ends the step).
    private static func parseLoadSteps(_ field: YAMLField) throws(WorkloadError) -> [WorkloadSpec.LoadStep] {
        let items = try field.items()
        if items.isEmpty { throw field.invalid("must list at least one step (or give the load as one command)") }
        var steps: [WorkloadSpec.LoadStep] = []
        for item in items {
            if case .mapping = item.node {
                // A step's work is counted by the load's functional_units: say where it belongs.
                _ = try item.mapping(allowed: commandKeys + loadStepKeys, misplaced: ["functional_units": "load"])
            }
            let parsed = try parseCommand(item, extraKeys: loadStepKeys, requiredExtraKeys: ["name"])
            let nameField = try parsed.mapping.required("name")
            let name = try nameField.string()
            if name.contains(where: \.isNewline) { throw nameField.invalid("must be one line") }
            if let earlier = steps.first(where: { $0.name == name }) {
                throw nameField.invalid("step name '\(name)' is used twice (first on line \(earlier.command.location.line))")
            }
            let duration = try parsed.mapping.optional("duration_s")?.seconds(mustBePositive: true)
            if duration != nil, let timeout = parsed.mapping.optional("timeout_s") {
                throw timeout.invalid("'duration_s' already ends this step; 'timeout_s' only limits a step that runs to completion")
            }
            steps.append(WorkloadSpec.LoadStep(name: name, command: parsed.command, durationSeconds: duration))
        }
        return steps
    }
}
