public enum ReportError: Error, CustomStringConvertible, Sendable {
    case runNotFound(Int64, database: String)
    case corruptRecord(run: Int64, field: String, reason: String)
    case noCompletedPhase(run: Int64)
    case cannotWrite(path: String, reason: String)
    /// A Kubernetes run without a node energy source: there is no energy to report.
    case clusterEnergyNotMeasured(run: Int64)

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
        case .clusterEnergyNotMeasured(let id):
            return "run \(id) ran on Kubernetes without a node energy source (ecobench agents or Prometheus): "
                + "node energy is not measured for the cluster, so no energy report is built; its phases, "
                + "functional units and cluster are stored (kubernetes.json in its report directory)"
        }
    }
}
