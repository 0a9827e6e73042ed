import EcobenchModel
import EcobenchCollect
import EcobenchAttribute

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
    /// Where `sourceRelative` comes from (`SourceDescriptor.uncertaintyBasis`, e.g. a Redfish
    /// Sensor's Accuracy); nil: the budget names `sourceMethod`.
    public var sourceBasis: String?
    public var phases: [PhaseAttribution]
    /// Extension point: each phase's own contributions, as standard uncertainties in joules of
    /// the phase's node energy (edge interpolation and gaps from the window integral, counter
    /// resolution where the source states it). Workload figures take
    /// them with the sensitivity `workload energy / node energy` of the phase.
    public var phaseContributions: [PhaseKey: [ErrorBudget.Contribution]]
    public var grid: Relative
    /// Nil where the run has no embodied emissions.
    public var embodied: Relative?

    public init(sourceRelative: Double?, sourceKind: SourceKind, sourceMethod: String, phases: [PhaseAttribution],
                phaseContributions: [PhaseKey: [ErrorBudget.Contribution]] = [:], grid: Relative,
                embodied: Relative?, sourceBasis: String? = nil) {
        self.sourceRelative = sourceRelative
        self.sourceBasis = sourceBasis
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

    /// The inputs of a run's report: the selected node-energy source, its counter resolution, the
    /// window integral's edge and gap figures per phase (`ReportPhase.energyWindow`), the grid
    /// factor and the embodied data (BoaviztAPI 2.5.0's range for the host's components when TE
    /// is not the user's).
    package static func forReport(selection: NodeEnergySelection, sources: [SourceDescriptor], phases: [PhaseAttribution],
                                  windows: [ReportEnergyWindow?], carbon: GridIntensity, impact: ImpactSettings,
                                  sci: ReportSCI, host: ReportHost) -> ErrorBudgetInputs {
        let embodiedRange = impact.embodiedKgCO2e == nil ? EmbodiedComponentDefaults.estimate(host: host).totalRange : nil
        var inputs = ErrorBudgetInputs(
            sourceRelative: selection.relativeUncertainty, sourceKind: selection.kind, sourceMethod: selection.method,
            phases: phases,
            phaseContributions: ErrorBudgetDefaults.resolutionContributions(sources, channels: selection.channels,
                                                                            phases: phases),
            grid: ErrorBudgetDefaults.grid(carbon, series: impact.gridSeries),
            embodied: ErrorBudgetDefaults.embodied(defaults: embodiedRange, provenance: sci.inputs.embodiedProvenance),
            sourceBasis: selection.uncertaintyBasis)
        for (phase, window) in zip(phases, windows) {
            guard let window else { continue }
            inputs.add(ErrorBudgetDefaults.windowContributions(window),
                       to: .init(repetition: phase.window.repetition, name: phase.window.name))
        }
        return inputs
    }
}
