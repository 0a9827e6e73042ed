import EcobenchModel
import EcobenchCollect
import EcobenchAttribute

/// ECO:DIGIT's score for a stored run, beside ecobench's measurement: the model's inputs (the
/// device, labelled measured or assumed), per load repetition the loads, digital work, modelled
/// energy and impacts, and the measured workload energy the model's energy is checked against.
/// Built by `EcoDigitBuilder`; field by field with sources: docs/eco-digit.md; schema:
/// Reports/schema/eco-digit.schema.json.
public struct EcoDigitReport: Codable, Sendable {
    public static let formatName = "ecobench-eco-digit"

    public var format: String = EcoDigitReport.formatName
    public var method: String = "ECO:DIGIT testbench calculation, eco-digit/testbench arthur/app/calculation/calculation.py (calculate_single_eco_digit_score, server path)"
    public var generator: Report.Generator
    public var run: Run
    public var device: EcoDigitDevice
    /// Whether ecobench's energy is measured (a meter) or estimated (a model), and how.
    public var measuredEnergyKind: SourceKind
    public var measuredEnergyMethod: String
    /// The node energy source's relative standard uncertainty where it states one.
    public var measuredRelativeUncertainty: Double?
    public var repetitions: [EcoDigitRepetition]
    public var summary: EcoDigitSummary
    public var warnings: [String]

    public struct Run: Codable, Sendable {
        public var id: Int64
        public var workload: String
        public var functionalUnit: String
        public var repetitionsCompleted: Int
    }
}

/// One load repetition: loads from the Blue Angel figures (the load phase gross, the same
/// repetition's baseline as the idle of the test stand), the model's outputs and the measurement.
public struct EcoDigitRepetition: Codable, Sendable {
    public var repetition: Int
    /// The load phase's duration, the model's time_execution.
    public var durationS: Double
    public var grossLoad: EcoDigitPerResource<Double>
    public var idleLoad: EcoDigitPerResource<Double>
    public var netLoad: EcoDigitPerResource<Double>
    public var digitalWork: EcoDigitPerResource<Double>
    /// Modelled: DW × EBR_P per resource and in all.
    public var modelledEnergyJ: EcoDigitPerResource<Double>
    public var modelledEnergyTotalJ: Double
    /// Measured: the workload's energy in this load phase from ecobench's attribution.
    public var measuredWorkloadEnergyJ: Double
    /// Measured: the node's load-phase energy less the repetition's baseline power × duration.
    public var measuredNetNodeEnergyJ: Double?
    /// modelled ÷ measured workload energy; nil when nothing was measured.
    public var modelledOverMeasured: Double?
    public var impacts: EcoDigitPerCategory<EcoDigitImpact>
    /// Σ PEF-normalised and weighted impacts (person-years, weighted).
    public var score: Double
    /// Σ impact × normalisation factor × weight, as the reference implementation computes it.
    public var referenceScore: Double
}

/// One impact category in one repetition.
public struct EcoDigitImpact: Codable, Sendable {
    public var unit: String
    public var usePhase: Double
    public var embedded: Double
    public var total: Double
    /// total ÷ normalisation factor (PEF).
    public var pefNormalised: Double
    /// `pefNormalised` × weight.
    public var pefWeighted: Double
    /// total × normalisation factor × weight (the reference's formula).
    public var referenceNormalisedWeighted: Double
}

/// Over the load repetitions: mean, sample sd and 95 % CI of each figure; the ratio of the sums.
public struct EcoDigitSummary: Codable, Sendable {
    public var modelledEnergyJ: SummaryStatistics?
    public var measuredWorkloadEnergyJ: SummaryStatistics?
    /// Σ modelled ÷ Σ measured workload energy over the repetitions.
    public var modelledOverMeasured: Double?
    public var score: SummaryStatistics?
    public var referenceScore: SummaryStatistics?
}
