import EcobenchCollect

extension HTMLReport {
    /// The workload's per-process GPU figures (NVML), one row per GPU; empty without them.
    package static func gpuTable(_ app: ReportApplication, nodeKind: SourceKind) -> String {
        guard let gpus = app.gpus, !gpus.isEmpty else { return "" }
        var out = "<h3>\(e(app.name)): GPUs \(badge(.measured))</h3>\n"
        out += "<p class=\"note\">Measured by NVML per-process utilisation: SM time is each process's SM utilisation "
            + "× time, read every few seconds and at each phase boundary. Where a GPU's energy is part of the node "
            + "energy, the workload is given its SM-time share of that GPU's energy above its baseline power; "
            + "otherwise the share is reported only.</p>\n"
        var table = HTMLTable([.init("source"), .init("workload SM time", numeric: true),
                               .init("all processes' SM time", numeric: true), .init("SM share", numeric: true),
                               .init("mean SM utilisation", numeric: true), .init("peak GPU memory", numeric: true),
                               .init("GPU energy attributed", numeric: true)])
        for gpu in gpus {
            table.add([e(gpu.source), e(HTMLNumberFormat.quantity(gpu.smSeconds, "s")),
                       e(HTMLNumberFormat.quantity(gpu.allSmSeconds, "s")), e(HTMLNumberFormat.percent(gpu.smShare)),
                       e(HTMLNumberFormat.number(gpu.meanSmPercent) + " %"),
                       e(gpu.maxMemoryBytes.map(HTMLNumberFormat.bytes) ?? "not offered"),
                       gpu.energyJ.map { cell($0, "J", kind: .measured) } ?? e("reported only")])
        }
        return out + table.render()
    }
}
