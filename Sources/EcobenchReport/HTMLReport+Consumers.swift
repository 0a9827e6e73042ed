import EcobenchCollect

extension HTMLReport {
    /// The services measured apart (part of the application row) and the load generator (neither
    /// the application's nor unattributed); empty when the workload has neither.
    package static func consumerTable(_ report: Report, kind: SourceKind) -> String {
        guard let consumers = report.consumers else { return "" }
        var table = HTMLTable([.init("consumer"), .init("role"), .init("energy", numeric: true),
                               .init("dynamic", numeric: true), .init("idle share", numeric: true),
                               .init("CPU time", numeric: true), .init("I/O read", numeric: true),
                               .init("I/O written", numeric: true), .init("memory (mean RSS)", numeric: true),
                               .init("energy per unit", numeric: true)])
        for c in consumers {
            table.add([e(c.name), e(c.role.rawValue), cell(c.energyJ, "J", kind: kind), cell(c.dynamicEnergyJ, "J", kind: kind),
                       cell(c.idleEnergyJ, "J", kind: kind), e(HTMLNumberFormat.quantity(c.cpuSeconds, "s")),
                       e(HTMLNumberFormat.bytes(c.ioReadBytes)), e(HTMLNumberFormat.bytes(c.ioWriteBytes)),
                       e(c.meanRssBytes.map(HTMLNumberFormat.bytes) ?? "–"),
                       c.energyPerUnitJ.map { cell($0, "J", kind: kind) } ?? e("–")])
        }
        return "<h3 id=\"consumers\">By service and load generator</h3>\n"
            + "<p>Services are part of the application above; the load generator is attributed apart from it "
            + "and from the unattributed energy (application + load generator + unattributed = node energy).</p>\n"
            + table.render()
    }
}
