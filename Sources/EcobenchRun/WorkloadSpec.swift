/// A workload as described by a YAML file under `Workloads/` (format: `Workloads/README.md`).
///
/// Produced by `WorkloadParser`, which validates everything that can be checked without
/// running anything; `validateEnvironment(path:)` then checks the `requires` binaries, and
/// `Command.resolved(with:)` substitutes placeholders right before a command runs.
public struct WorkloadSpec: Hashable, Sendable {
    /// `[a-z0-9-]+`, used in run names and file names.
    public var name: String
    /// Human-readable, one line.
    public var description: String
    /// What one unit of work is (`request`, `transaction`, `bogo-op`, `minute`, ...).
    public var functionalUnit: String
    /// Binaries that must be on `PATH` (`requires`, with `packages`).
    public var requirements: [Requirement]
    /// Run once, in order, before the first repetition (`setup`).
    public var setup: [Command]
    /// Started at the start of each repetition's idle phase, stopped after its cooldown (`service`).
    public var service: Command?
    /// Several services, each in its own cgroup with its own row (`services:`); empty with `service:`.
    public var services: [Service] = []
    /// Checked after the service starts, before the idle phase counts (`ready`).
    public var readiness: [ReadinessCheck]
    /// The load generator and its functional-unit count (`load`).
    public var load: Load
    /// Run once, in order, after all repetitions, also after a failure (`teardown`).
    public var teardown: [Command]
    public var phases: Phases
    /// ≥ 1.
    public var repetitions: Int
    /// How to run it on Kubernetes (`kubernetes:`); nil: local only.
    public var kubernetes: Kubernetes? = nil
    /// The YAML file as it was named to the parser (used in every error message).
    public var file: String
    /// Absolute, standardized directory of the YAML file: the value of `{workload_dir}`.
    public var workloadDirectory: String
    /// Node agents whose energy the run reads (`agents:`); empty for a single-node run.
    public var agents: [Agent] = []
    /// How `ecobench sweep` runs the load at fixed offered rates (`sweep:`); nil: no sweep.
    public var sweep: Sweep? = nil

    public static let defaultRepetitions = 3

    public init(name: String, description: String, functionalUnit: String,
                requirements: [Requirement] = [], setup: [Command] = [], service: Command? = nil,
                readiness: [ReadinessCheck] = [], load: Load, teardown: [Command] = [],
                phases: Phases = Phases(), repetitions: Int = WorkloadSpec.defaultRepetitions,
                file: String, workloadDirectory: String) {
        self.name = name
        self.description = description
        self.functionalUnit = functionalUnit
        self.requirements = requirements
        self.setup = setup
        self.service = service
        self.readiness = readiness
        self.load = load
        self.teardown = teardown
        self.phases = phases
        self.repetitions = repetitions
        self.file = file
        self.workloadDirectory = workloadDirectory
    }

    /// The values of all six placeholders for `Command.resolved(with:)`: the phase durations
    /// (formatted `30` or `0.5`), `workload_dir` and the given per-run scratch directory.
    public func placeholderValues(runDirectory: String) -> [String: String] {
        [
            Placeholder.baselineSeconds.rawValue: WorkloadSpec.formatSeconds(phases.baselineSeconds),
            Placeholder.idleSeconds.rawValue: WorkloadSpec.formatSeconds(phases.idleSeconds),
            Placeholder.loadSeconds.rawValue: WorkloadSpec.formatSeconds(phases.loadSeconds),
            Placeholder.cooldownSeconds.rawValue: WorkloadSpec.formatSeconds(phases.cooldownSeconds),
            Placeholder.workloadDirectory.rawValue: workloadDirectory,
            Placeholder.runDirectory.rawValue: runDirectory,
        ]
    }

    /// Every command in the order the runner meets them: setup, service, readiness
    /// commands, load (or its steps), teardown.
    public var allCommands: [Command] {
        var commands = setup
        if let service { commands.append(service) }
        commands += services.map(\.command)
        for check in readiness {
            if case .command(let command) = check.probe { commands.append(command) }
        }
        commands += load.scenario.map(\.command)
        return commands + teardown
    }
}
