import EcobenchModel
import EcobenchCollect
import EcobenchAttribute

/// The assumed defaults of the budget, each labelled as an assumption.
public enum ErrorBudgetDefaults {
    /// ±30 % rectangular bound for a tabulated yearly grid average applied to a run's hours:
    /// annual-average accounting over- or under-states emissions against hourly accounting by
    /// as much as 30 % (Miller, Novan & Jenn 2022, "Hourly accounting of carbon emissions from
    /// electricity consumption", Environ. Res. Lett. 17 044073).
    public static let gridTableBound = 0.30
    /// The citation carried into every budget that uses `gridTableBound`.
    public static let gridTableBoundSource = "Miller, Novan & Jenn 2022, Environ. Res. Lett. 17 044073: annual-average "
        + "factors misstate emissions by up to 30 % against hourly accounting"

    /// The grid factor's relative standard uncertainty: none of ecobench's intensity sources
    /// states one; a tabulated yearly average gets an assumed bound, a figure the user gives or
    /// a time series gets none (their source must state it).
    public static func grid(_ carbon: GridIntensity, series: GridIntensitySeries?) -> ErrorBudgetInputs.Relative {
        if let series {
            return .init(0, basis: "time series \(series.source) states no uncertainty; none assumed")
        }
        if carbon.provenance == "assumed" {
            return .init(ErrorBudget.rectangular(gridTableBound),
                         basis: "assumed: ±30 % rectangular bound (u = 0.30/√3) on a yearly average "
                             + "(\(carbon.source)) applied to the run's hours, the table stating none; bound from "
                             + gridTableBoundSource)
        }
        return .init(0, basis: "\(carbon.source) states no uncertainty; none assumed")
    }

    /// Embodied emissions: a TE from component defaults gets the range BoaviztAPI 2.5.0 states for
    /// the host's components (`EmbodiedComponentDefaults`: min and max from the ranges of what it
    /// had to default, the inventory's figures fixed) as a rectangular bound, u = (max − min)/√12,
    /// relative to BoaviztAPI's value; a TE the user gives gets none (its source must state one).
    public static func embodied(defaults range: EmbodiedImpactRange?, provenance: String) -> ErrorBudgetInputs.Relative {
        guard let range else { return .init(0, basis: "\(provenance): no uncertainty stated; none assumed") }
        let value = range.value.gwpKgCO2e, low = range.min.gwpKgCO2e, high = range.max.gwpKgCO2e
        let u = ErrorBudget.rectangular((high - low) / 2)
        let relative = value > 0 ? u / value : 0
        return .init(relative, basis: String(
            format: "%@ min–max of its defaults for this host's components: %.0f–%.0f kg CO2e around %.0f kg, "
                + "u = (max − min)/√12 = %.0f kg (%.1f %% relative), applied to TE (%@)",
            BoaviztaComponentFactors.version, low, high, value, u, relative * 100, provenance))
    }

    /// The window integral's own contributions to a phase (`WindowIntegrator` via
    /// `ReportEnergyWindow`): edge interpolation — a step inside a pair of readings, a polled
    /// meter's reading seen late — as the polling/staleness bias, and the energy interpolated
    /// across gaps as the gap share. Both are already standard uncertainties in joules.
    public static func windowContributions(_ window: ReportEnergyWindow) -> [ErrorBudget.Contribution] {
        windowContributions(edgeJ: window.edgeUncertaintyJ, gapJ: window.gapUncertaintyJ, gapS: window.gapS,
                            coverage: window.coverage)
    }

    /// The same from the figures themselves (a cluster node's window; `gapS` nil where not kept).
    public static func windowContributions(edgeJ: Double, gapJ: Double, gapS: Double?,
                                           coverage: Double) -> [ErrorBudget.Contribution] {
        var parts: [ErrorBudget.Contribution] = []
        if edgeJ > 0 {
            parts.append(.init(source: .pollingStaleness, kind: .systematic, standardUncertainty: edgeJ,
                               basis: "edges interpolated between readings, or on a reading whose lag shows in its "
                                   + "neighbours' scatter: rectangular bound ΔP × spacing per edge, at least P × the "
                                   + "counter's staleness bound where the source states one, u = a/√3, "
                                   + "channels in quadrature"))
        }
        if gapJ > 0 {
            let time = gapS.map { String(format: "%.1f s without readings", $0) } ?? "time without readings"
            parts.append(.init(source: .gapShare, kind: .systematic, standardUncertainty: gapJ,
                               basis: time + String(format: " (coverage %.1f %%), energy interpolated across: bound "
                                                        + "gap time × largest power deviation, u = a/√3", coverage * 100)))
        }
        return parts
    }

    /// Counter resolution: a node-energy channel with a stated step q reads a window's growth
    /// within ±q (two truncations), u = q/√3 per phase; several channels in quadrature.
    public static func resolutionContributions(_ sources: [SourceDescriptor], channels: [String],
                                               phases: [PhaseAttribution])
        -> [ErrorBudgetInputs.PhaseKey: [ErrorBudget.Contribution]] {
        let stated = sources.filter { channels.contains($0.name) }.compactMap { s in
            s.resolutionJoules.map { (name: s.name, q: $0) }
        }.filter { $0.q > 0 }
        guard !stated.isEmpty else { return [:] }
        let u = stated.reduce(0) { $0 + ErrorBudget.rectangular($1.q) * ErrorBudget.rectangular($1.q) }.squareRoot()
        let basis = "counter step " + stated.map { String(format: "%@ %.4g J", $0.name, $0.q) }.joined(separator: ", ")
            + ": bound ±q per phase, u = q/√3"
        var out: [ErrorBudgetInputs.PhaseKey: [ErrorBudget.Contribution]] = [:]
        for a in phases {
            out[.init(repetition: a.window.repetition, name: a.window.name)] =
                [.init(source: .resolution, kind: .systematic, standardUncertainty: u, basis: basis)]
        }
        return out
    }
}
