/// The cluster section's error budgets: each node phase's `node_energy` budget
/// (`cluster.nodes[].phases[].error_budget`), shown like the local "Error budget" section: a
/// table of the figures with u_c, U (k = 2) and U relative, then every contribution with its
/// kind, standard uncertainty, relative and basis.
extension HTMLReport {
    package static func clusterErrorBudgets(_ cluster: ReportCluster) -> String {
        let budgets = cluster.nodes.flatMap { node in
            node.phases.compactMap { p in p.errorBudget.map { (node: node.name, phase: p, budget: $0) } }
        }
        guard !budgets.isEmpty else { return "" }
        let out = "<h3>Error budget per node phase</h3>\n"
        var figures = HTMLTable([.init("node"), .init("repetition", numeric: true), .init("phase"),
                                 .init("energy", numeric: true), .init("u_c", numeric: true),
                                 .init("U (k = 2)", numeric: true), .init("U relative", numeric: true)],
                                caption: "GUM (JCGM 100:2008): contributions in quadrature (u_c), U = 2·u_c "
                                    + "(about 95 %); formulas: Reports/README.md, “Uncertainty”.")
        var parts = HTMLTable([.init("node"), .init("repetition", numeric: true), .init("phase"),
                               .init("contribution"), .init("kind"), .init("u", numeric: true),
                               .init("relative", numeric: true), .init("basis")],
                              caption: "Contributions per node phase")
        for (node, phase, b) in budgets {
            let key = [e(node), e("\(phase.repetition)"), e(phase.name)]
            figures.add(key + [e(HTMLNumberFormat.quantity(b.value, b.unit)),
                               e(HTMLNumberFormat.quantity(b.combinedStandardUncertainty, b.unit)),
                               e(HTMLNumberFormat.quantity(b.expandedUncertainty, b.unit)),
                               e(percent(b.expandedRelative))])
            for c in b.contributions {
                parts.add(key + [e(c.source.rawValue), e(c.kind.rawValue),
                                 e(HTMLNumberFormat.quantity(c.standardUncertainty, b.unit)),
                                 e(percent(c.relative)), e(c.basis)])
            }
        }
        return out + figures.render() + parts.render()
    }
}
