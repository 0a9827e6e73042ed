import EcobenchStore

/// Why a run stopped before its last phase.
public enum RunError: Error, CustomStringConvertible, Sendable {
    /// A workload step failed; the message names the workload file, line and field.
    case workload(WorkloadError)
    /// A signal asked the run to stop.
    case interrupted(signal: String)
    /// Samples could not be stored (disk full, read-only database).
    case storage(String)
    case launch(LaunchError)
    /// The cluster refused or failed a step of a `--target kubernetes` run.
    case kubernetes(String)

    public var description: String {
        switch self {
        case .workload(let error): return error.description
        case .interrupted(let signal): return "interrupted by \(signal)"
        case .storage(let message):
            return "the database could not be written (disk full or read-only?): \(message); the run was stopped "
                + "and its workload torn down, what was stored before is kept"
        case .launch(let error): return error.description
        case .kubernetes(let message): return message
        }
    }
}

extension WorkloadSpec.SourceLocation {
    /// A run-time failure of the step declared here, e.g. `x.yaml:12: ready[0].tcp: ...`.
    package func runFailure(_ message: String) -> RunError {
        .workload(WorkloadError(kind: .invalidValue, file: file, line: line, field: field, message: message))
    }
}

extension RunStatus {
    /// The status a run ends with after `failure` (nil: it completed).
    package init(endingWith failure: RunError?) {
        switch failure {
        case nil: self = .completed
        case .interrupted?: self = .interrupted
        default: self = .failed
        }
    }
}

extension RunError {
    /// A full disk or read-only database: what was stored is kept, what still can be is recorded.
    package var isStorage: Bool {
        if case .storage = self { return true }
        return false
    }
}
