import EcobenchModel

/// The error budget section: one table per headline figure's budget (node energy per phase in
/// one table), each contribution with its kind, standard uncertainty and basis.
extension HTMLReport {
    package static func errorBudgetSection(_ report: Report) -> String {
        guard let budgets = report.errorBudgets, !budgets.isEmpty else { return "" }
        var out = "<section id=\"error-budget\">\n<h2>Error budget</h2>\n"
        out += "<p class=\"note\">GUM (JCGM 100:2008): contributions are standard uncertainties in the figure's "
            + "unit, combined in quadrature (u<sub>c</sub>); U = 2·u<sub>c</sub> (about 95 %). Formulas: "
            + "Reports/README.md, “Uncertainty”.</p>\n"
        let summary = budgets.filter { $0.figure != .nodeEnergy }
        var table = HTMLTable([.init("figure"), .init("value", numeric: true), .init("u_c", numeric: true),
                               .init("U (k = 2)", numeric: true), .init("U relative", numeric: true)],
                              caption: "Headline figures")
        for b in budgets {
            table.add([e(label(b)), e(HTMLNumberFormat.quantity(b.value, b.unit)),
                       e(HTMLNumberFormat.quantity(b.combinedStandardUncertainty, b.unit)),
                       e(HTMLNumberFormat.quantity(b.expandedUncertainty, b.unit)), e(percent(b.expandedRelative))])
        }
        out += table.render()
        for b in summary {
            out += contributionsTable(b)
        }
        return out + "</section>\n"
    }

    package static func label(_ b: ErrorBudget) -> String {
        switch b.figure {
        case .nodeEnergy: return "node energy, \(b.phase?.rawValue ?? "") #\(b.repetition ?? 0)"
        case .workloadEnergy: return "workload energy"
        case .energyPerUnit: return "energy per unit"
        case .co2e: return "CO2e (workload)"
        case .sci: return "SCI"
        }
    }

    package static func percent(_ value: Double?) -> String {
        value.map { HTMLNumberFormat.number($0 * 100, significant: 3) + " %" } ?? "–"
    }

    package static func contributionsTable(_ b: ErrorBudget) -> String {
        var table = HTMLTable([.init("contribution"), .init("kind"), .init("u", numeric: true),
                               .init("relative", numeric: true), .init("basis")],
                              caption: "\(label(b)): \(HTMLNumberFormat.quantity(b.value, b.unit)) ± "
                                  + "\(HTMLNumberFormat.quantity(b.expandedUncertainty, b.unit)) (k = 2)")
        for c in b.contributions {
            table.add([e(c.source.rawValue), e(c.kind.rawValue),
                       e(HTMLNumberFormat.quantity(c.standardUncertainty, b.unit)),
                       e(percent(c.relative)), e(c.basis)])
        }
        return table.render()
    }
}
