/// What the error budgets of a run are built from; `ReportBuilder` fills it, `ErrorBudgetBuilder`
/// turns it into budgets. Reports/README.md "Uncertainty" states each contribution's formula.
public struct ErrorBudgetInputs: Sendable {
    public struct PhaseKey: Hashable, Sendable {
        public var repetition: Int
        public var name: PhaseName

        public init(repetition: Int, name: PhaseName) {
            self.repetition = repetition
            self.name = name
        }
    }

    /// A relative standard uncertainty and where it comes from.
    public struct Relative: Sendable, Equatable {
        public var value: Double
        public var basis: String

        public init(_ value: Double, basis: String) {
            self.value = value
            self.basis = basis
        }
    }

    /// The node-energy source's stated relative standard uncertainty (nil: none stated).
    public var sourceRelative: Double?
    /// Measured (meter accuracy) or estimated (model error).
    public var sourceKind: SourceKind
    public var sourceMethod: String
    public var phases: [PhaseAttribution]
    /// Extension point: each phase's own contributions, as standard uncertainties in joules of
    /// the phase's node energy (gap share from `gapContributions`; polling/staleness bias and
    /// counter resolution from the collect layer where it states them). Workload figures take
    /// them with the sensitivity `workload energy / node energy` of the phase.
    public var phaseContributions: [PhaseKey: [ErrorBudget.Contribution]]
    public var grid: Relative
    /// Nil where the run has no embodied emissions.
    public var embodied: Relative?

    public init(sourceRelative: Double?, sourceKind: SourceKind, sourceMethod: String, phases: [PhaseAttribution],
                phaseContributions: [PhaseKey: [ErrorBudget.Contribution]] = [:], grid: Relative,
                embodied: Relative?) {
        self.sourceRelative = sourceRelative
        self.sourceKind = sourceKind
        self.sourceMethod = sourceMethod
        self.phases = phases
        self.phaseContributions = phaseContributions
        self.grid = grid
        self.embodied = embodied
    }

    /// Adds contributions to a phase (the hook for the collect layer's per-phase figures).
    public mutating func add(_ contributions: [ErrorBudget.Contribution], to key: PhaseKey) {
        phaseContributions[key, default: []] += contributions
    }
}

/// The assumed defaults of the budget, each labelled as an assumption.
public enum ErrorBudgetDefaults {
    /// ±20 % rectangular bound for a tabulated yearly grid average.
    public static let gridTableBound = 0.20
    /// ±50 % rectangular bound for embodied emissions from component defaults.
    public static let embodiedDefaultsBound = 0.50

    /// The grid factor's relative standard uncertainty: none of ecobench's intensity sources
    /// states one; a tabulated yearly average gets an assumed bound, a figure the user gives or
    /// a time series gets none (their source must state it).
    public static func grid(_ carbon: GridIntensity, series: GridIntensitySeries?) -> ErrorBudgetInputs.Relative {
        if let series {
            return .init(0, basis: "time series \(series.source) states no uncertainty; none assumed")
        }
        if carbon.provenance == "assumed" {
            return .init(ErrorBudget.rectangular(gridTableBound),
                         basis: "assumed by ecobench: ±20 % rectangular bound (u = 0.20/√3) on a yearly average "
                             + "(\(carbon.source)) applied to the run's hours; the table states no uncertainty")
        }
        return .init(0, basis: "\(carbon.source) states no uncertainty; none assumed")
    }

    /// Embodied emissions: component defaults get an assumed bound; a figure the user gives gets none.
    public static func embodied(fromDefaults: Bool, provenance: String) -> ErrorBudgetInputs.Relative {
        guard fromDefaults else { return .init(0, basis: "\(provenance): no uncertainty stated; none assumed") }
        return .init(ErrorBudget.rectangular(embodiedDefaultsBound),
                     basis: "assumed by ecobench: ±50 % rectangular bound (u = 0.50/√3) on embodied emissions from "
                         + "component defaults (\(provenance)); the dataset's own range is not carried")
    }

    /// Gap share: a phase of node energy E with a share f of its duration without readings from a
    /// node-energy channel has that share's energy bounded by ±f·E, u = f·E/√3 (systematic).
    public static func gapContributions(_ gaps: [ReportGap], channels: [String],
                                        phases: [PhaseAttribution]) -> [ErrorBudgetInputs.PhaseKey: [ErrorBudget.Contribution]] {
        var fractions: [ErrorBudgetInputs.PhaseKey: Double] = [:]
        for gap in gaps where channels.contains(gap.source) {
            for overlap in gap.phases {
                fractions[.init(repetition: overlap.repetition, name: overlap.name), default: 0] += overlap.fraction
            }
        }
        var out: [ErrorBudgetInputs.PhaseKey: [ErrorBudget.Contribution]] = [:]
        for a in phases {
            let key = ErrorBudgetInputs.PhaseKey(repetition: a.window.repetition, name: a.window.name)
            guard let f = fractions[key].map({ min(1, $0) }), f > 0 else { continue }
            out[key] = [.init(source: .gapShare, kind: .systematic,
                              standardUncertainty: ErrorBudget.rectangular(f * a.nodeEnergyJoules),
                              basis: String(format: "%.1f %% of the phase without readings: bound ±f·E, u = f·E/√3",
                                            f * 100))]
        }
        return out
    }
}
