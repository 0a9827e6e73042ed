import EcobenchModel

/// One phase of one repetition: its window on the run's monotonic clock.
public struct PhaseWindow: Sendable, Equatable {
    public var repetition: Int
    public var name: PhaseName
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    public var functionalUnits: Double?

    public init(repetition: Int, name: PhaseName, startNanoseconds: Int64, endNanoseconds: Int64,
                functionalUnits: Double? = nil) {
        self.repetition = repetition
        self.name = name
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = endNanoseconds
        self.functionalUnits = functionalUnits
    }

    public var durationSeconds: Double { Double(endNanoseconds - startNanoseconds) / 1e9 }
}

/// How a phase's node energy splits: idle vs dynamic, and the workload's part vs the rest.
/// Invariant (tested): `workloadEnergyJoules + loadGeneratorEnergyJoules + unattributedEnergyJoules
/// == nodeEnergyJoules`.
public struct PhaseAttribution: Sendable {
    public var window: PhaseWindow
    public var nodeEnergyJoules: Double
    /// Every energy channel's own energy in the phase (also those not summed into the node).
    public var sourceEnergyJoules: [String: Double]
    /// Baseline power of this repetition (W): node energy of its baseline phase over its duration.
    public var baselinePowerWatts: Double?
    /// Baseline power × duration, at most the phase's energy.
    public var idleEnergyJoules: Double
    /// Node energy above the baseline: `nodeEnergyJoules - idleEnergyJoules`.
    public var dynamicEnergyJoules: Double
    public var nodeBusyCPUSeconds: Double
    public var workloadCPUSeconds: Double
    /// The workload's CPU-time share of the dynamic energy (`CPUShareSplit`), in [0, 1]:
    /// `workload / max(workload, busy − background)`.
    public var workloadCPUShare: Double
    /// Busy CPU seconds the baseline already carries: the repetition's baseline background rate × duration.
    public var backgroundCPUSeconds: Double = 0
    /// The workload's share of the dynamic energy: CPU-time share of it, except the dynamic
    /// energy of GPUs with per-process SM time, given by SM-time share (`gpuShares`).
    public var workloadDynamicEnergyJoules: Double
    /// The part of the idle energy the idle policy gives the workload.
    public var workloadIdleEnergyJoules: Double
    public var workloadIOReadBytes: Double
    public var workloadIOWriteBytes: Double
    /// GPUs with per-process SM time: their SM shares and, where their energy is part of the
    /// node's, the dynamic energy split out by SM time (included in `workloadDynamicEnergyJoules`).
    public var gpuShares: [GPUPhaseShare] = []
    /// The services of a multi-service workload, each measured apart: their figures are part of
    /// the workload's (which adds the workload cgroup's own, e.g. readiness commands).
    public var services: [ConsumerPhaseShare] = []
    /// The load generator measured apart (a workload with a service); nil when not measured.
    public var loadGenerator: ConsumerPhaseShare? = nil
    /// Every clamp of the split in this phase (idle above the phase's energy, a share above 1, no busy CPU).
    public var notes: [String] = []

    public var workloadEnergyJoules: Double { workloadDynamicEnergyJoules + workloadIdleEnergyJoules }
    public var loadGeneratorEnergyJoules: Double { loadGenerator?.energyJoules ?? 0 }
    public var unattributedEnergyJoules: Double { nodeEnergyJoules - workloadEnergyJoules - loadGeneratorEnergyJoules }
    public var meanPowerWatts: Double {
        window.durationSeconds > 0 ? nodeEnergyJoules / window.durationSeconds : 0
    }
}

/// Who carries the node's idle (baseline) energy. Whatever the policy, the workload's energy
/// plus what stays unattributed equals the node's energy (tested for each policy).
public enum IdlePolicy: String, Codable, Sendable, CaseIterable {
    /// Nobody: idle energy stays unattributed (as Kepler and Scaphandre do). The default: the
    /// workload is charged only for what it adds.
    case none
    /// The workload carries the idle energy of what it reserved (`reservedShare` of the machine,
    /// default all of it) in every phase it runs in — SCI's view: reserved hardware counts whole.
    case reserved
    /// Idle energy is shared like dynamic energy, by the workload's share of busy CPU time.
    case proportional
}
