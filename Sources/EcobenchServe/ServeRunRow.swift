import EcobenchAttribute
import EcobenchCollect
import EcobenchModel
import EcobenchReport
import EcobenchStore

/// One line of the runs list (`/` and `/api/runs`): the run's record, its host, and the figures
/// its report states (node energy and its kind, energy per unit with the 95 % CI), taken from the
/// report ReportBuilder builds, never recomputed here.
package struct ServeRunRow: Codable, Sendable {
    package var id: Int64
    package var workload: String
    package var status: RunStatus
    package var startedAt: String
    package var endedAt: String?
    package var hostname: String?
    package var hostFingerprint: String?
    package var functionalUnit: String
    /// The report's `totals.node_energy_j` and `totals.node_energy_kind` (measured, estimated, …).
    package var nodeEnergyJ: Double?
    package var nodeEnergyKind: SourceKind?
    package var nodeEnergyRelativeUncertainty: Double?
    /// The first application's `statistics.energy_per_unit_j` (mean, sd, 95 % CI, estimator).
    package var energyPerUnitJ: SummaryStatistics?
    /// Why no figures: the report could not be built (e.g. a run still writing its first phase).
    package var reportError: String?

    package init(id: Int64, workload: String, status: RunStatus, startedAt: String, endedAt: String? = nil,
                 hostname: String?, hostFingerprint: String?, functionalUnit: String) {
        self.id = id
        self.workload = workload
        self.status = status
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.hostname = hostname
        self.hostFingerprint = hostFingerprint
        self.functionalUnit = functionalUnit
    }

    /// The figures of `report` added to the row.
    package mutating func fill(from report: Report) {
        nodeEnergyJ = report.totals.nodeEnergyJ
        nodeEnergyKind = report.totals.nodeEnergyKind
        nodeEnergyRelativeUncertainty = report.totals.relativeUncertainty
        energyPerUnitJ = report.applications.first?.statistics.energyPerUnitJ
        if hostname == nil { hostname = report.host.hostname }
        if hostFingerprint == nil { hostFingerprint = report.host.fingerprint }
    }
}

/// The answer of `/api/runs`: the page of rows and where it lies in the filtered list.
package struct ServeRunPage: Codable, Sendable {
    package var total: Int
    package var page: Int
    package var perPage: Int
    package var runs: [ServeRunRow]
}
