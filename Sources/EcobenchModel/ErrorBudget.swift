/// The error budget of one headline figure (GUM, JCGM 100:2008): each contribution as a standard
/// uncertainty in the figure's own unit (the sensitivity coefficient already applied), the
/// combined standard uncertainty `u_c = √Σ u_i²` (contributions independent) and the expanded
/// uncertainty `U = k · u_c` with k = 2 (about 95 %). Built by `ErrorBudgetBuilder` only.
public struct ErrorBudget: Codable, Sendable, Equatable {
    /// The headline figures that carry a budget.
    public enum Figure: String, Codable, Sendable {
        case nodeEnergy = "node_energy", workloadEnergy = "workload_energy", energyPerUnit = "energy_per_unit"
        case co2e, sci
    }

    /// Systematic contributions (meter calibration, a model's error, an assumed factor) do not
    /// average out across repetitions; random ones (the repetition spread) do.
    public enum Kind: String, Codable, Sendable {
        case systematic, random
    }

    /// What a contribution comes from; Reports/README.md "Uncertainty" gives each one's formula.
    public enum Source: String, Codable, Sendable {
        case meterAccuracy = "meter_accuracy", model, resolution
        case pollingStaleness = "polling_staleness", gapShare = "gap_share", clockAlignment = "clock_alignment"
        case attributionModel = "attribution_model", repetitionSpread = "repetition_spread"
        case gridFactor = "grid_factor", embodiedData = "embodied_data"
    }

    public struct Contribution: Codable, Sendable, Equatable {
        public var source: Source
        public var kind: Kind
        /// In the figure's unit (the sensitivity coefficient applied); 0 where not evaluated (see `basis`).
        public var standardUncertainty: Double
        /// `standardUncertainty / |value|`; absent where the value is 0.
        public var relative: Double?
        /// Where the number comes from: the stated or assumed bound, its source, the formula.
        public var basis: String

        public init(source: Source, kind: Kind, standardUncertainty: Double, relative: Double? = nil, basis: String) {
            self.source = source
            self.kind = kind
            self.standardUncertainty = standardUncertainty
            self.relative = relative
            self.basis = basis
        }
    }

    public static let coverageFactor = 2.0

    public var figure: Figure
    /// The application for workload figures; absent for node energy.
    public var application: String?
    /// For node energy: the phase and repetition.
    public var phase: PhaseName?
    public var repetition: Int?
    public var value: Double
    /// `J`, `J/<unit>`, `g`, `g/<unit>`.
    public var unit: String
    public var contributions: [Contribution]
    public var combinedStandardUncertainty: Double
    public var coverageFactor: Double
    /// U = k · u_c.
    public var expandedUncertainty: Double
    /// U / |value|; absent where the value is 0.
    public var expandedRelative: Double?

    /// Combines `contributions` (the relative of each filled in against `value`).
    public init(figure: Figure, application: String? = nil, phase: PhaseName? = nil, repetition: Int? = nil,
                value: Double, unit: String, contributions: [Contribution]) {
        self.figure = figure
        self.application = application
        self.phase = phase
        self.repetition = repetition
        self.value = value
        self.unit = unit
        let scale = value == 0 ? nil : abs(value)
        self.contributions = contributions.map { c in
            var c = c
            c.relative = scale.map { c.standardUncertainty / $0 }
            return c
        }
        combinedStandardUncertainty = contributions.reduce(0) { $0 + $1.standardUncertainty * $1.standardUncertainty }
            .squareRoot()
        coverageFactor = Self.coverageFactor
        expandedUncertainty = coverageFactor * combinedStandardUncertainty
        expandedRelative = scale.map { expandedUncertainty / $0 }
    }

    /// A rectangular bound ±a as a standard uncertainty, a/√3 (GUM 4.3.7).
    public static func rectangular(_ bound: Double) -> Double { bound / 3.0.squareRoot() }
}
