import EcobenchCollect
import EcobenchAttribute

/// One GPU in one phase (`phases[].workload_gpus[]`): the workload's SM time against every
/// process's, measured by NVML per-process utilisation, and the GPU energy it was given by it.
public struct ReportPhaseGPU: Codable, Sendable, Equatable {
    public var gpu: Int
    public var workloadSmSeconds: Double
    public var allSmSeconds: Double
    public var smShare: Double
    /// Absent when the GPU's energy is not a term of the node energy (the SM share is then reported only).
    public var energyJ: Double?
    public var baselinePowerW: Double?
    public var dynamicEnergyJ: Double?
    public var workloadEnergyJ: Double?

    package init(_ share: GPUPhaseShare) {
        gpu = share.gpu
        workloadSmSeconds = share.workloadSMSeconds
        allSmSeconds = share.allSMSeconds
        smShare = share.smShare
        energyJ = share.energyJoules
        baselinePowerW = share.baselinePowerWatts
        dynamicEnergyJ = share.dynamicEnergyJoules
        workloadEnergyJ = share.workloadDynamicEnergyJoules
    }
}

/// One GPU over the run (`applications[].gpus[]`): the workload's per-process figures from
/// NVML, summed over every phase of every repetition.
public struct ReportApplicationGPU: Codable, Sendable, Equatable {
    public var gpu: Int
    /// Always `measured`: read from the driver, not modelled.
    public var kind: SourceKind
    /// `NVML per-process utilisation (GPU <i>)`.
    public var source: String
    /// Σ phases of the workload's SM time (s): its processes' SM utilisation × time.
    public var smSeconds: Double
    /// Σ phases of every process's SM time on this GPU (s).
    public var allSmSeconds: Double
    /// `sm_seconds / all_sm_seconds`; 0 when no process used the SMs.
    public var smShare: Double
    /// `sm_seconds / Σ phase durations × 100`: the workload's mean SM utilisation of the GPU.
    public var meanSmPercent: Double
    /// Most GPU memory the workload's processes held at one read (B); absent when not offered.
    public var maxMemoryBytes: Double?
    /// GPU dynamic energy given to the workload by its SM share (J, included in `energy_j`);
    /// absent when the GPU's energy is inside a wall or platform meter (reported, not used).
    public var energyJ: Double?

    /// One entry per GPU that has per-process figures in any phase.
    package static func build(phases: [PhaseAttribution], gauges: [ReportGauge]) -> [ReportApplicationGPU]? {
        let indexes = Set(phases.flatMap { $0.gpuShares.map(\.gpu) }).sorted()
        guard !indexes.isEmpty else { return nil }
        return indexes.map { gpu in
            let entries = phases.compactMap { phase in
                phase.gpuShares.first { $0.gpu == gpu }.map { (share: $0, duration: phase.window.durationSeconds) }
            }
            let workload = entries.reduce(0) { $0 + $1.share.workloadSMSeconds }
            let all = entries.reduce(0) { $0 + $1.share.allSMSeconds }
            let duration = entries.reduce(0) { $0 + $1.duration }
            let energies = entries.compactMap(\.share.workloadDynamicEnergyJoules)
            return ReportApplicationGPU(
                gpu: gpu, kind: .measured, source: "NVML per-process utilisation (GPU \(gpu))",
                smSeconds: workload, allSmSeconds: all, smShare: all > 0 ? min(1, workload / all) : 0,
                meanSmPercent: duration > 0 ? workload / duration * 100 : 0,
                maxMemoryBytes: gauges.first { $0.name == GPUChannels.workloadMemoryBytes(gpu) }?.max,
                energyJ: energies.isEmpty ? nil : energies.reduce(0, +))
        }
    }
}
