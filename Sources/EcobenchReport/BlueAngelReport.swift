import EcobenchModel
import EcobenchCollect
import EcobenchAttribute

/// The measurement report of the Blue Angel for resource- and energy-efficient software
/// (DE-UZ 215, 2024 edition, Annex "measurement report"), built from a stored run by
/// `BlueAngelBuilder`: the criteria's three scenarios (baseline, idle mode, standard usage
/// scenario) per repetition and as mean with sample standard deviation, the reference system,
/// the measuring instrument of each figure, the scenario's time-stamped log and the raw series
/// and the log as CSV annexes.
/// Field by field with sources: docs/blue-angel.md; schema: Reports/schema/blue-angel.schema.json.
public struct BlueAngelReport: Codable, Sendable {
    public static let formatName = "ecobench-blue-angel-de-uz-215"
    /// DE-UZ 215 practice: at least this many repetitions of each scenario.
    public static let recommendedRepetitions = 10

    public var format: String = BlueAngelReport.formatName
    public var criteria: String = "Blue Angel DE-UZ 215, Resource and Energy-Efficient Software Products (edition January 2024), Annex: measurement report"
    public var generator: Report.Generator
    public var run: Run
    /// Whether the energy figures are measured (a meter) or estimated (a model): from the node
    /// energy source the attribution chose.
    public var energyKind: SourceKind
    public var energyMethod: String
    public var referenceSystem: ReportHost
    public var instruments: [BlueAngelInstrument]
    public var scenarios: [BlueAngelScenario]
    /// The time-stamped log of the standard usage scenario's actions: each step of the load
    /// (`load.steps`, or the single load command as step 1 `load`) per repetition, in order.
    public var scenarioLog: [BlueAngelLogEntry]
    public var annex: Annex
    /// Deviations from the criteria's practice (fewer than 10 repetitions, a missing scenario,
    /// an estimated node energy, a figure without its channel).
    public var warnings: [String]

    public struct Run: Codable, Sendable {
        public var id: Int64
        public var workload: String
        public var description: String
        public var startedAt: String
        public var endedAt: String?
        public var repetitionsPlanned: Int
        public var repetitionsCompleted: Int
        /// The sampler's interval.
        public var samplingIntervalS: Double
    }

    public struct Annex: Codable, Sendable {
        /// File name, in the report's directory, of every raw sample of the run (CSVWriter.writeSamples).
        public var samplesCsv: String
        public var columns: [String]
        /// File name, beside the report, of the scenario log (`BlueAngelScenarioLog`).
        public var scenarioLogCsv: String
        public var scenarioLogColumns: [String]
    }
}

/// What measured one figure: the channel, the sensor behind it, its resolution, how often it
/// was read and its uncertainty (nil where the source states none).
public struct BlueAngelInstrument: Codable, Sendable {
    /// energy, cpu, memory, storage or network.
    public var figure: String
    public var channel: String
    public var kind: SourceKind
    public var model: String?
    public var path: String
    public var unit: String
    /// The counter's smallest step (RAPL's energy unit, a meter's stated resolution); nil when not recorded.
    public var resolution: Double?
    public var samplingIntervalS: Double
    public var relativeUncertainty: Double?
    public var uncertaintyBasis: String?
}

/// One of the criteria's scenarios: each repetition's figures and their mean and sample sd.
public struct BlueAngelScenario: Codable, Sendable {
    /// baseline, idle_mode or standard_usage_scenario.
    public var scenario: String
    /// The ecobench phase it was measured in.
    public var phase: PhaseName
    public var repetitions: [BlueAngelFigures]
    public var statistics: BlueAngelStatistics
}

/// The figures of one scenario in one repetition. Optional figures are nil when the run did not
/// record their channel (listed in the report's warnings).
public struct BlueAngelFigures: Codable, Sendable {
    public var repetition: Int
    /// Start, seconds since the run's start.
    public var startS: Double
    public var durationS: Double
    /// Node energy (gross), from the attribution's node energy.
    public var energyWh: Double
    /// Standard uncertainty of `energyWh` from the window integral (edges, gaps); nil for old runs.
    public var energyWindowUncertaintyWh: Double?
    /// Gross minus the same repetition's baseline mean power × this duration; 0 for the baseline.
    public var netEnergyWh: Double?
    public var meanPowerW: Double
    /// Node busy CPU time ÷ total CPU time of all logical CPUs, × 100 (0–100 %).
    public var cpuUtilisationPercent: Double?
    /// `cpuUtilisationPercent` × duration.
    public var cpuIntegralPercentSeconds: Double?
    /// Time-weighted mean of the node's used memory, 10⁶ bytes.
    public var memoryMeanMegabytes: Double?
    public var storageReadMegabytes: Double?
    public var storageWriteMegabytes: Double?
    public var networkSentMegabytes: Double?
    public var networkReceivedMegabytes: Double?
}

/// Mean, sample standard deviation (n − 1) and 95 % CI over repetitions, per figure (`SummaryStatistics`).
public struct BlueAngelStatistics: Codable, Sendable {
    public var energyWh: SummaryStatistics?
    public var netEnergyWh: SummaryStatistics?
    public var meanPowerW: SummaryStatistics?
    public var cpuUtilisationPercent: SummaryStatistics?
    public var cpuIntegralPercentSeconds: SummaryStatistics?
    public var memoryMeanMegabytes: SummaryStatistics?
    public var storageReadMegabytes: SummaryStatistics?
    public var storageWriteMegabytes: SummaryStatistics?
    public var networkSentMegabytes: SummaryStatistics?
    public var networkReceivedMegabytes: SummaryStatistics?

    public init(_ figures: [BlueAngelFigures]) {
        func stat(_ value: (BlueAngelFigures) -> Double?) -> SummaryStatistics? { SummaryStatistics(figures.compactMap(value)) }
        energyWh = stat { $0.energyWh }
        netEnergyWh = stat(\.netEnergyWh)
        meanPowerW = stat { $0.meanPowerW }
        cpuUtilisationPercent = stat(\.cpuUtilisationPercent)
        cpuIntegralPercentSeconds = stat(\.cpuIntegralPercentSeconds)
        memoryMeanMegabytes = stat(\.memoryMeanMegabytes)
        storageReadMegabytes = stat(\.storageReadMegabytes)
        storageWriteMegabytes = stat(\.storageWriteMegabytes)
        networkSentMegabytes = stat(\.networkSentMegabytes)
        networkReceivedMegabytes = stat(\.networkReceivedMegabytes)
    }
}
