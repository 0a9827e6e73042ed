/// Command-line changes to a workload's phases and repetitions
/// (`--repetitions N --baseline S --idle S --load S --cooldown S`); nil = keep the file's value.
public struct WorkloadOverrides: Hashable, Sendable {
    public var repetitions: Int?
    public var baselineSeconds: Double?
    public var idleSeconds: Double?
    public var loadSeconds: Double?
    public var cooldownSeconds: Double?

    public init(repetitions: Int? = nil, baselineSeconds: Double? = nil, idleSeconds: Double? = nil,
                loadSeconds: Double? = nil, cooldownSeconds: Double? = nil) {
        self.repetitions = repetitions
        self.baselineSeconds = baselineSeconds
        self.idleSeconds = idleSeconds
        self.loadSeconds = loadSeconds
        self.cooldownSeconds = cooldownSeconds
    }

    /// True when nothing is overridden.
    public var isEmpty: Bool {
        self == WorkloadOverrides()
    }
}

extension WorkloadSpec {
    /// This spec with `overrides` applied, validated like the file's own values. Errors
    /// name the file and the option, e.g. `Workloads/x.yaml: --idle: must be a number ≥ 0, got -5`.
    public func applying(overrides: WorkloadOverrides) throws(WorkloadError) -> WorkloadSpec {
        var spec = self
        if let repetitions = overrides.repetitions {
            if let problem = WorkloadSpec.repetitionsProblem(repetitions) {
                throw overrideError("--repetitions", problem)
            }
            spec.repetitions = repetitions
        }
        spec.phases.baselineSeconds = try overridden(overrides.baselineSeconds, phases.baselineSeconds,
                                                     option: "--baseline", mustBePositive: false)
        spec.phases.idleSeconds = try overridden(overrides.idleSeconds, phases.idleSeconds,
                                                 option: "--idle", mustBePositive: false)
        spec.phases.loadSeconds = try overridden(overrides.loadSeconds, phases.loadSeconds,
                                                 option: "--load", mustBePositive: true)
        spec.phases.cooldownSeconds = try overridden(overrides.cooldownSeconds, phases.cooldownSeconds,
                                                     option: "--cooldown", mustBePositive: false)
        return spec
    }

    private func overridden(_ value: Double?, _ current: Double, option: String,
                            mustBePositive: Bool) throws(WorkloadError) -> Double {
        guard let value else { return current }
        if let problem = Phases.problem(with: value, mustBePositive: mustBePositive) {
            throw overrideError(option, problem)
        }
        return value
    }

    private func overrideError(_ option: String, _ message: String) -> WorkloadError {
        WorkloadError(kind: .invalidOverride, file: file, line: nil, field: option, message: message)
    }
}
