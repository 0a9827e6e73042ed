import EcobenchModel
import EcobenchAttribute

/// One phase of one repetition in the report.
public struct ReportPhase: Codable, Sendable {
    public var name: PhaseName
    public var repetition: Int
    /// Start, seconds since the run's start.
    public var startS: Double
    public var durationS: Double
    /// Node energy in the phase.
    public var energyJ: Double
    public var meanPowerW: Double
    public var baselinePowerW: Double?
    public var idleEnergyJ: Double
    public var dynamicEnergyJ: Double
    public var workloadEnergyJ: Double
    public var unattributedEnergyJ: Double
    public var nodeBusyCpuSeconds: Double
    public var workloadCpuSeconds: Double
    public var workloadCpuShare: Double
    public var functionalUnits: Double?
    public var co2eG: Double
    /// Every energy channel's own energy in this phase, also those not summed into the node.
    public var sourceEnergy: [SourceEnergy]
    /// GPUs with NVML per-process utilisation: the workload's SM share and the GPU energy it
    /// was given by it; absent when no GPU offers per-process figures.
    public var workloadGpus: [ReportPhaseGPU]? = nil
    /// Coverage and the window integral's uncertainty of `energyJ` (absent for stored reports
    /// made before it).
    public var energyWindow: ReportEnergyWindow? = nil
    /// The load generator's energy in this phase, when measured apart (neither workload nor unattributed).
    public var loadGeneratorEnergyJ: Double? = nil

    public struct SourceEnergy: Codable, Sendable {
        public var name: String
        public var energyJ: Double
    }
}

/// The measured application across the run.
public struct ReportApplication: Codable, Sendable {
    public var name: String
    public var functionalUnit: String
    /// Energy attributed to it over every phase it ran in (idle, load, cooldown), all repetitions.
    public var energyJ: Double
    public var dynamicEnergyJ: Double
    public var idleEnergyJ: Double
    public var cpuSeconds: Double
    public var ioReadBytes: Double
    public var ioWriteBytes: Double
    /// Units of work produced in the load phases.
    public var functionalUnits: Double
    /// Energy attributed in the load phases over the units produced there.
    public var energyPerUnitJ: Double?
    public var co2eG: Double
    public var co2ePerUnitG: Double?
    public var repetitions: [Repetition]
    public var statistics: Statistics
    /// Per-GPU figures from NVML per-process utilisation; absent when no GPU offers them.
    public var gpus: [ReportApplicationGPU]? = nil

    /// The load phase of one repetition.
    public struct Repetition: Codable, Sendable {
        public var repetition: Int
        public var energyJ: Double
        public var dynamicEnergyJ: Double
        public var cpuSeconds: Double
        public var functionalUnits: Double?
        public var energyPerUnitJ: Double?
        public var co2eG: Double
        public var co2ePerUnitG: Double?
    }

    /// Across repetitions: mean, sd and 95 % CI.
    public struct Statistics: Codable, Sendable {
        public var energyJ: SummaryStatistics?
        public var energyPerUnitJ: SummaryStatistics?
        public var co2ePerUnitG: SummaryStatistics?
    }
}
