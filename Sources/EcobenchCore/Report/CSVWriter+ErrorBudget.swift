/// `error-budget.csv`: one row per contribution of each headline figure's error budget, with
/// the figure's combined standard and expanded (k = 2) uncertainty repeated on each of its rows.
extension CSVWriter {
    static let errorBudgetColumns = [
        "run_id", "figure", "application", "repetition", "phase", "value", "unit", "contribution", "kind",
        "standard_uncertainty", "relative", "basis", "combined_standard_uncertainty", "coverage_factor",
        "expanded_uncertainty", "expanded_relative",
    ]

    static func errorBudgetRows(_ report: Report) -> [[String]] {
        (report.errorBudgets ?? []).flatMap { b in
            b.contributions.map { c in
                [String(report.run.id), b.figure.rawValue, b.application ?? "", b.repetition.map(String.init) ?? "",
                 b.phase?.rawValue ?? "", number(b.value), b.unit, c.source.rawValue, c.kind.rawValue,
                 number(c.standardUncertainty), number(c.relative), c.basis, number(b.combinedStandardUncertainty),
                 number(b.coverageFactor), number(b.expandedUncertainty), number(b.expandedRelative)]
            }
        }
    }

    public static func errorBudget(_ report: Report) -> String { table(errorBudgetColumns, errorBudgetRows(report)) }
}
