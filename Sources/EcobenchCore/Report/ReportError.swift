public enum ReportError: Error, CustomStringConvertible, Sendable {
    case runNotFound(Int64, database: String)
    case corruptRecord(run: Int64, field: String, reason: String)
    case noCompletedPhase(run: Int64)
    case cannotWrite(path: String, reason: String)

    public var description: String {
        switch self {
        case .runNotFound(let id, let db):
            return "run \(id) is not in \(db) (see `ecobench runs`)"
        case .corruptRecord(let id, let field, let reason):
            return "run \(id): stored \(field) cannot be read: \(reason)"
        case .noCompletedPhase(let id):
            return "run \(id) has no completed phase: nothing was measured to report"
        case .cannotWrite(let path, let reason):
            return "cannot write \(path): \(reason)"
        }
    }
}
