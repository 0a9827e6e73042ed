import EcobenchCollect
import EcobenchAttribute

/// Sections 4 and 5 of the page: how every number was obtained, and on what machine.
extension HTMLReport {
    /// 4. Method and provenance: sources, node energy method with alternatives and flags, grid
    /// intensity, gaps, gauges and notes.
    package static func provenanceSection(_ report: Report) -> String {
        let node = report.nodeEnergy
        var out = "<section id=\"method\">\n<h2>Method and provenance</h2>\n<h3>Node energy</h3>\n"
        out += HTMLTable.keyValue([
            ("kind", badge(node.kind)),
            ("rank", e(node.rank.rawValue)),
            ("method", e(node.method)),
            ("channels", node.channels.map { "<span class=\"mono\">\(e($0))</span>" }.joined(separator: ", ")),
            ("relative uncertainty", e(HTMLNumberFormat.uncertainty(node.relativeUncertainty))),
            ("idle policy", e(report.run.idlePolicy.rawValue)),
        ])
        if !node.alternatives.isEmpty {
            var table = HTMLTable([.init("alternative"), .init("kind"), .init("method"), .init("energy", numeric: true),
                                   .init("ratio to selected", numeric: true)])
            for alt in node.alternatives {
                table.add([e(alt.rank.rawValue), badge(alt.kind), e(alt.method), cell(alt.energyJ, "J", kind: alt.kind),
                           e(alt.ratioToSelected.map { HTMLNumberFormat.number($0) + " ×" } ?? "–")])
            }
            out += table.render()
        } else {
            out += "<p class=\"note\">No alternative method: the sources allow only this one.</p>\n"
        }
        if !node.flags.isEmpty {
            out += "<ul class=\"notes\">" + node.flags.map { "<li><span class=\"badge bad\">flag</span> \(e($0))</li>" }
                .joined() + "</ul>\n"
        }
        out += "<h3>Sources</h3>\n"
        var sources = HTMLTable([.init("source"), .init("kind"), .init("unit"), .init("semantics"), .init("scope"),
                                 .init("role"), .init("path"), .init("model"), .init("uncertainty", numeric: true),
                                 .init("node energy")])
        sources.cellClasses = [0: "mono", 6: "path"]
        for s in report.sources {
            sources.add([e(s.name), badge(s.kind), e(s.unit), e(s.semantics.rawValue), e(s.scope.rawValue),
                         e(s.energyRole?.rawValue ?? "–"), e(s.path), e(s.model ?? "–"),
                         e(s.relativeUncertainty.map { "±" + HTMLNumberFormat.percent($0) } ?? "–"),
                         s.usedForNodeEnergy ? "yes" : "–"])
        }
        out += sources.render()
        out += carbonTable(report.carbon)
        out += gapsAndGauges(report)
        out += "<h3>Notes</h3>\n"
        out += report.notes.isEmpty ? "<p class=\"note\">None.</p>\n"
            : "<ul class=\"notes\">" + report.notes.map { "<li>\(HTMLEscaping.multiline($0))</li>" }.joined() + "</ul>\n"
        return out + "</section>\n"
    }

    package static func carbonTable(_ carbon: GridIntensity) -> String {
        let provenance = carbon.provenance == "assumed" ? "<span class=\"badge assumed\">assumed</span>"
            : "<span class=\"badge measured\">\(e(carbon.provenance))</span>"
        return "<h3>Grid intensity</h3>\n" + HTMLTable.keyValue([
            ("intensity", e(HTMLNumberFormat.quantity(carbon.intensityGPerKwh, "gCO2e/kWh"))),
            ("provenance", provenance),
            ("source", e(carbon.source)),
            ("zone", e(carbon.zone ?? "–")),
        ])
    }

    package static func gapsAndGauges(_ report: Report) -> String {
        var out = "<h3>Gaps</h3>\n"
        if report.gaps.isEmpty {
            out += "<p class=\"note\">None: every source answered throughout the run.</p>\n"
        } else {
            var gaps = HTMLTable([.init("source"), .init("start", numeric: true), .init("end", numeric: true),
                                  .init("reason"), .init("phases covered")])
            gaps.cellClasses = [0: "mono"]
            for gap in report.gaps {
                let phases = gap.phases.map {
                    "repetition \($0.repetition) \($0.name.rawValue): \(HTMLNumberFormat.quantity($0.coveredS, "s")) "
                        + "(\(HTMLNumberFormat.percent($0.fraction)))"
                }.joined(separator: "; ")
                gaps.add([e(gap.source), e(HTMLNumberFormat.quantity(gap.startS, "s")),
                          e(gap.endS.map { HTMLNumberFormat.quantity($0, "s") } ?? "never came back"), e(gap.reason),
                          e(phases.isEmpty ? "–" : phases)])
            }
            out += gaps.render()
        }
        guard !report.gauges.isEmpty else { return out }
        out += "<h3>Levels over the run</h3>\n"
        var gauges = HTMLTable([.init("gauge"), .init("kind"), .init("samples", numeric: true), .init("min", numeric: true),
                                .init("mean", numeric: true), .init("max", numeric: true)])
        gauges.cellClasses = [0: "mono"]
        for g in report.gauges {
            func level(_ value: Double) -> String {
                g.unit == "B" ? HTMLNumberFormat.bytes(value) : HTMLNumberFormat.quantity(value, g.unit)
            }
            gauges.add([e(g.name), badge(g.kind), String(g.samples), e(level(g.min)), e(level(g.mean)), e(level(g.max))])
        }
        return out + gauges.render()
    }


    /// 5. The hardware inventory: CPU, memory, kernel, PCI devices and the fingerprint.
    package static func hardwareSection(_ report: Report) -> String {
        let host = report.host
        var out = "<section id=\"hardware\">\n<h2>Hardware</h2>\n"
        func count(_ value: Int?) -> String { value.map(String.init) ?? "unknown" }
        out += HTMLTable.keyValue([
            ("hostname", e(host.hostname)),
            ("CPU model", e(host.cpuModel)),
            ("logical CPUs", String(host.logicalCpus)),
            ("sockets × cores per socket × threads per core",
             e("\(count(host.sockets)) × \(count(host.coresPerSocket)) × \(count(host.threadsPerCore))")),
            ("memory", e(host.memoryBytes > 0 ? HTMLNumberFormat.bytes(Double(host.memoryBytes)) : "unknown")),
            ("kernel", e(host.kernel)),
            ("OS", e(host.os)),
            ("fingerprint (SHA-256)", "<span class=\"mono\">\(e(host.fingerprint ?? "unknown (inventory not read)"))</span>"),
        ])
        guard let devices = host.pciDevices else {
            return out + "<p class=\"note\">No PCI inventory was read.</p>\n</section>\n"
        }
        out += "<h3>PCI devices (\(devices.count))</h3>\n"
        var table = HTMLTable([.init("slot"), .init("kind"), .init("class"), .init("vendor"), .init("device"),
                               .init("ids (vendor:device:class)")])
        table.cellClasses = [0: "mono", 5: "mono"]
        // GPUs, accelerators, NICs and storage first: what draws power beside the CPU.
        let order: [PCIDevice.Kind] = [.gpu, .accelerator, .nic, .nvme, .storage, .other]
        let sorted = devices.sorted {
            let a = order.firstIndex(of: $0.kind) ?? order.count
            let b = order.firstIndex(of: $1.kind) ?? order.count
            return a != b ? a < b : $0.slot < $1.slot
        }
        for device in sorted {
            table.add([e(device.slot), e(device.kind.rawValue), e(device.className.isEmpty ? "–" : device.className),
                       e(device.vendorName.isEmpty ? "–" : device.vendorName),
                       e(device.deviceName.isEmpty ? "–" : device.deviceName), e(device.identity)])
        }
        return out + table.render() + "</section>\n"
    }
}
