extension HTMLReport {
    /// The report's `cluster` section: the other nodes (ecobench agents, Prometheus), their
    /// clocks, flags and energy per phase window; empty for runs without them.
    package static func clusterSection(_ report: Report) -> String {
        guard let cluster = report.cluster else { return "" }
        let totals = cluster.totals
        var out = "<section id=\"cluster\">\n<h2>Other nodes (cluster)</h2>\n"
        out += "<p class=\"note\">Energy of the nodes read through ecobench agents or Prometheus, per phase window. "
            + "It is not in the totals above (those are this host's). Attribution: \(e(cluster.attribution)).</p>\n"
        out += estimateCaption(totals.kind)
        out += HTMLTable.keyValue([
            ("nodes", e("\(totals.nodes)")),
            ("energy", figure(totals.energyJ, "J", kind: totals.kind)),
            ("attributed to the workload", figure(totals.attributedEnergyJ, "J", kind: totals.kind)),
            ("unattributed", figure(totals.unattributedEnergyJ, "J", kind: totals.kind)),
            ("lowest coverage", e(HTMLNumberFormat.percent(totals.minCoverage))),
            ("clock offset flagged above", e(HTMLNumberFormat.quantity(cluster.clockOffsetFlagThresholdMs, "ms"))),
        ])
        var nodes = HTMLTable([.init("node"), .init("source"), .init("kind"), .init("clock offset", numeric: true),
                               .init("round trip", numeric: true), .init("drift", numeric: true), .init("flags"),
                               .init("energy", numeric: true), .init("attributed", numeric: true),
                               .init("unattributed", numeric: true), .init("lowest coverage", numeric: true)],
                              caption: "Clock offset: the node's (or Prometheus') clock minus this controller's, "
                                  + "at the start; drift: end minus start.")
        nodes.cellClasses[1] = "path"
        for node in cluster.nodes {
            let name = e(node.name) + (node.url.isEmpty ? "" : "<br><span class=\"mono\">\(e(node.url))</span>")
            nodes.add([name, e(node.source), badge(node.kind), e(HTMLNumberFormat.quantity(node.clockOffsetMs, "ms")),
                       e(HTMLNumberFormat.quantity(node.clockRttMs, "ms")),
                       e(HTMLNumberFormat.quantity(node.clockDriftMs, "ms")), flagList(node.flags),
                       cell(node.energyJ, "J", kind: node.kind), cell(node.attributedEnergyJ, "J", kind: node.kind),
                       cell(node.unattributedEnergyJ, "J", kind: node.kind),
                       e(HTMLNumberFormat.percent(node.minCoverage))])
        }
        out += nodes.render()
        out += "<h3>Per phase</h3>\n"
        var phases = HTMLTable([.init("node"), .init("repetition", numeric: true), .init("phase"),
                                .init("duration", numeric: true), .init("energy", numeric: true),
                                .init("coverage", numeric: true), .init("baseline power", numeric: true),
                                .init("attributed", numeric: true), .init("unattributed", numeric: true),
                                .init("busy CPU", numeric: true), .init("notes")],
                               caption: "Coverage below 100 % is a gap: energy across it is interpolated between the samples on either side.")
        for node in cluster.nodes {
            for p in node.phases {
                phases.add([e(node.name), e("\(p.repetition)"), e(p.name), e(HTMLNumberFormat.quantity(p.durationS, "s")),
                            cell(p.energyJ, "J", kind: p.kind), e(HTMLNumberFormat.percent(p.coverage)),
                            cell(p.baselinePowerW, "W", kind: p.kind), cell(p.attributedEnergyJ, "J", kind: p.kind),
                            cell(p.unattributedEnergyJ, "J", kind: p.kind),
                            e(HTMLNumberFormat.quantity(p.busyCpuSeconds, "s")), flagList(p.notes)])
            }
        }
        for p in cluster.phases {
            phases.add(["<strong>all nodes</strong>", e("\(p.repetition)"), e(p.name), "",
                        cell(p.energyJ, "J", kind: totals.kind), e(HTMLNumberFormat.percent(p.minCoverage)), "",
                        cell(p.attributedEnergyJ, "J", kind: totals.kind),
                        cell(p.unattributedEnergyJ, "J", kind: totals.kind), "", ""])
        }
        out += phases.render()
        out += clusterErrorBudgets(cluster)
        out += noteList(cluster.notes)
        return out + "</section>\n"
    }

    /// Escaped items, one per line; empty when there are none.
    package static func flagList(_ items: [String]) -> String {
        items.map { e($0) }.joined(separator: "<br>")
    }

    /// A list of escaped notes, or nothing.
    package static func noteList(_ notes: [String]) -> String {
        guard !notes.isEmpty else { return "" }
        return "<ul class=\"notes note\">\n" + notes.map { "<li>\(e($0))</li>\n" }.joined() + "</ul>\n"
    }
}
