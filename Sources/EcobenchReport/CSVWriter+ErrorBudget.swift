import EcobenchModel

/// `error-budget.csv`: one row per contribution of each headline figure's error budget, with
/// the figure's combined standard and expanded (k = 2) uncertainty repeated on each of its rows:
/// first the report's own budgets (`error_budgets[]`, `node` empty: this host), then each cluster
/// node phase's `node_energy` budget (`cluster.nodes[].phases[].error_budget`, `node` = the
/// agent or Prometheus node's name, `repetition` and `phase` its window's).
extension CSVWriter {
    package static let errorBudgetColumns = [
        "run_id", "figure", "application", "node", "repetition", "phase", "value", "unit", "contribution", "kind",
        "standard_uncertainty", "relative", "basis", "combined_standard_uncertainty", "coverage_factor",
        "expanded_uncertainty", "expanded_relative",
    ]

    package static func errorBudgetRows(_ report: Report) -> [[String]] {
        let local = (report.errorBudgets ?? []).flatMap { b in
            budgetRows(b, runID: report.run.id, node: "", repetition: b.repetition, phase: b.phase?.rawValue ?? "")
        }
        let cluster = (report.cluster?.nodes ?? []).flatMap { node in
            node.phases.flatMap { p in
                p.errorBudget.map {
                    budgetRows($0, runID: report.run.id, node: node.name, repetition: p.repetition, phase: p.name)
                } ?? []
            }
        }
        return local + cluster
    }

    /// The rows of one budget: one per contribution.
    package static func budgetRows(_ b: ErrorBudget, runID: Int64, node: String, repetition: Int?,
                                   phase: String) -> [[String]] {
        b.contributions.map { c in
            [String(runID), b.figure.rawValue, b.application ?? "", node, repetition.map(String.init) ?? "",
             phase, number(b.value), b.unit, c.source.rawValue, c.kind.rawValue,
             number(c.standardUncertainty), number(c.relative), c.basis, number(b.combinedStandardUncertainty),
             number(b.coverageFactor), number(b.expandedUncertainty), number(b.expandedRelative)]
        }
    }

    public static func errorBudget(_ report: Report) -> String { table(errorBudgetColumns, errorBudgetRows(report)) }
}
