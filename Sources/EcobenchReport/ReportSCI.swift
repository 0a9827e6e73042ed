import EcobenchAttribute

/// The SCI disclosure of a run: score per functional unit, boundary, method and every input
/// with its provenance.
public struct ReportSCI: Codable, Sendable {
    public var functionalUnit: String
    public var boundary: String
    public var method: String
    public var inputs: Inputs
    public var repetitions: [Repetition]
    /// Mean SCI over repetitions with its 95 % CI.
    public var scoreGPerUnit: SummaryStatistics?

    public struct Inputs: Codable, Sendable {
        public var pue: Double
        public var pueProvenance: String
        public var intensityGPerKwh: Double?
        public var intensityKind: String
        public var intensitySource: String
        public var embodiedKgCo2e: Double?
        public var embodiedProvenance: String
        public var lifetimeYears: Double
        public var lifetimeProvenance: String
        public var reservedShare: Double
        public var reservedShareProvenance: String
    }

    /// The load phase of one repetition: `SCI = (O + M) / R`.
    public struct Repetition: Codable, Sendable {
        public var repetition: Int
        /// E: the application's energy in the load phase × PUE, kWh.
        public var energyKwh: Double
        /// O = E × I (g CO2e).
        public var operationalG: Double
        /// M = TE × (TiR / EL) × (RR / ToR) (g CO2e).
        public var embodiedG: Double
        /// TiR: the load phase's duration (s).
        public var timeReservedS: Double
        /// R: functional units produced.
        public var functionalUnits: Double
        public var sciGPerUnit: Double?
    }
}
