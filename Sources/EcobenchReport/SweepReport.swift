import EcobenchCollect
import EcobenchAttribute

/// The report of a load sweep (`ecobench report --sweep ID`), as published in
/// `Reports/schema/sweep.schema.json`; fields documented in docs/sweeps.md "Sweep report".
public struct SweepReport: Codable, Sendable {
    public static let schemaVersion = "1.0"

    public var schemaVersion: String = SweepReport.schemaVersion
    public var generator: Report.Generator
    public var sweep: Sweep
    public var host: ReportHost
    /// How node power was obtained at every level (the level runs' node energy method).
    public var nodeEnergy: NodeEnergy
    /// Highest level first (100 … 0).
    public var levels: [Level]
    public var summary: Summary
    public var notes: [String]

    public struct Sweep: Codable, Sendable {
        public var id: Int64
        public var workload: String
        public var functionalUnit: String
        public var createdAt: String
        public var levelsPercent: [Int]
        public var calibrationRunId: Int64?
        /// Units per second the calibration run sustained (the 100 % offered rate).
        public var maxThroughputPerS: Double?
        public var sloP99Ms: Double?
    }

    public struct NodeEnergy: Codable, Sendable {
        public var kind: SourceKind
        public var method: String
        /// The meter's (or model's) relative standard uncertainty, systematic across levels; nil when not stated.
        public var relativeUncertainty: Double?
    }

    public struct Level: Codable, Sendable {
        public var levelPercent: Int
        public var runId: Int64
        /// Offered rate (units/s); nil at active idle.
        public var offeredRatePerS: Double?
        /// Achieved rate (units/s) as the sweep stored it; 0 at active idle.
        public var achievedRatePerS: Double
        /// achieved ÷ the highest achieved rate of the sweep.
        public var utilisation: Double
        public var saturated: Bool
        public var latencyP50Ms: Double?
        public var latencyP95Ms: Double?
        public var latencyP99Ms: Double?
        public var loadDurationS: Double
        public var repetitions: Int
        /// Node mean power over the level's load phases (active idle without load phases: its idle phases).
        public var nodePowerW: Double
        /// Random standard uncertainty of `node_power_w` (repetition spread ⊕ window integral), W.
        public var nodePowerRandomUncertaintyW: Double
        /// The meter's systematic standard uncertainty of `node_power_w` (r × P), W.
        public var nodePowerSystematicUncertaintyW: Double
        /// Node energy per unit, P / achieved rate (J/unit); nil at active idle.
        public var nodeEnergyPerUnitJ: Double?
        /// The workload's attributed energy per unit with its CI (the level run's application figure).
        public var workloadEnergyPerUnitJ: SummaryStatistics?
        /// Expanded uncertainty (k = 2) of the workload energy per unit from the run's error budget.
        public var workloadEnergyPerUnitExpandedUncertaintyJ: Double?
        /// Node busy CPU seconds ÷ (load seconds × logical CPUs).
        public var cpuUtilisation: Double?
    }

    public struct Summary: Codable, Sendable {
        public var overallUnitsPerJoule: SweepFigure?
        public var idleToPeakPowerRatio: SweepFigure?
        /// D = 2A − 1 (0 = ideal proportionality, 1 = constant power).
        public var proportionalityGap: SweepFigure?
        /// EP = 1 − D (same uncertainty).
        public var energyProportionality: SweepFigure?
        public var mostEfficientLevel: EfficientLevel?
        public var yearly: Yearly?
    }

    public struct EfficientLevel: Codable, Sendable {
        public var levelPercent: Int
        public var sloP99Ms: Double?
        public var unitsPerJoule: SweepFigure
        public var workloadEnergyPerUnitJ: Double?
    }

    public struct Yearly: Codable, Sendable {
        /// Mean utilisation U (0…1) of the year, relative to the highest achieved rate.
        public var utilisation: Double
        public var nodePowerW: SweepFigure
        public var energyKwh: SweepFigure
        /// Yearly energy × the CO2e per joule of the level runs' load phases (their grid intensity and PUE);
        /// the grid factor's own uncertainty is not included.
        public var co2eKg: Double?
    }
}
