import EcobenchModel
import EcobenchCollect
import EcobenchAttribute

extension HTMLReport {
    /// 1. Power over time per energy source, phases shaded and labelled.
    package static func powerSection(_ report: Report, series: [HTMLPowerSeries]) -> String {
        var out = "<section id=\"power\">\n<h2>Power over time</h2>\n"
        out += "<p class=\"note\">Power (W) of each energy source: the counter's energy delta between samples over "
            + "their interval, averaged over at most 600 time buckets. Estimated sources are dashed.</p>\n"
        guard !series.isEmpty else {
            return out + "<p>No energy counter was sampled in this run.</p>\n</section>\n"
        }
        let bands = report.phases.map {
            SVGChartPower.Band(repetition: $0.repetition, phase: $0.name, startS: $0.startS,
                               endS: $0.startS + $0.durationS)
        }
        out += SVGChartPower(series: series, bands: bands, durationS: HTMLPowerSeries.chartDuration(report)).render()
        out += "<div class=\"legend\">\n"
        for (index, item) in series.enumerated() {
            let dashed = item.kind == .estimated ? " dashed" : ""
            let mean = item.meanWatts.map { " mean " + HTMLNumberFormat.quantity($0, "W") } ?? ""
            let role = item.usedForNodeEnergy ? ", node energy" : ""
            out += "<span><span class=\"swatch\(dashed)\" style=\"border-color:\(HTMLStyle.seriesColor(index))\"></span>"
                + "<span class=\"mono\">\(e(item.name))</span> \(badge(item.kind))\(e(role + mean))</span>\n"
        }
        for phase in PhaseName.allCases {
            out += "<span><span class=\"swatch box\" style=\"background:\(HTMLStyle.phaseFill[phase] ?? "#ccc")\">"
                + "</span>\(phase.rawValue)</span>\n"
        }
        return out + "</div>\n</section>\n"
    }

    /// 2. Energy by phase (stacked per repetition: workload / unattributed) and by application.
    package static func energySection(_ report: Report) -> String {
        let kind = report.nodeEnergy.kind
        let estimated = kind == .estimated
        var out = "<section id=\"energy\">\n<h2>Energy by phase and application</h2>\n"
        // The load generator, where measured apart, is a segment of its own (neither workload nor unattributed).
        let generator = report.totals.loadGeneratorEnergyJ != nil
        let phaseBars = report.phases.map {
            SVGChartStackedBars.Bar(label: $0.name.rawValue, group: "repetition \($0.repetition)",
                                    values: generator ? [$0.workloadEnergyJ, $0.loadGeneratorEnergyJ ?? 0, $0.unattributedEnergyJ]
                                                      : [$0.workloadEnergyJ, $0.unattributedEnergyJ])
        }
        out += SVGChartStackedBars(
            title: "Node energy by phase and repetition (J): workload\(generator ? ", load generator" : "") and unattributed",
            unit: "J",
            segments: [.init(name: "workload", color: HTMLStyle.workloadColor)]
                + (generator ? [.init(name: "load generator", color: HTMLStyle.idleShareColor)] : [])
                + [.init(name: "unattributed", color: HTMLStyle.unattributedColor)],
            bars: phaseBars, estimated: estimated).render()
        var table = HTMLTable([.init("rep."), .init("phase"), .init("start", numeric: true),
                               .init("duration", numeric: true), .init("node energy", numeric: true),
                               .init("mean power", numeric: true), .init("workload", numeric: true),
                               .init("unattributed", numeric: true), .init("workload CPU share", numeric: true),
                               .init("units", numeric: true), .init("CO2e", numeric: true)])
        for p in report.phases {
            table.add([String(p.repetition), e(p.name.rawValue), e(HTMLNumberFormat.quantity(p.startS, "s")),
                       e(HTMLNumberFormat.quantity(p.durationS, "s")), cell(p.energyJ, "J", kind: kind),
                       cell(p.meanPowerW, "W", kind: kind), cell(p.workloadEnergyJ, "J", kind: kind),
                       cell(p.unattributedEnergyJ, "J", kind: kind), e(HTMLNumberFormat.percent(p.workloadCpuShare)),
                       e(p.functionalUnits.map { HTMLNumberFormat.number($0) + " " + report.run.functionalUnit } ?? "–"),
                       cell(p.co2eG, "g", kind: kind)])
        }
        out += estimateCaption(kind) + table.render()
        out += "<h3>By application</h3>\n"
        var appBars = report.applications.map {
            SVGChartStackedBars.Bar(label: $0.name, group: "", values: [$0.dynamicEnergyJ, $0.idleEnergyJ, 0])
        }
        if let energy = report.totals.loadGeneratorEnergyJ {
            appBars.append(.init(label: "load_generator", group: "", values: [energy, 0, 0]))
        }
        appBars.append(.init(label: "unattributed (rest of the node)", group: "",
                             values: [0, 0, report.totals.unattributedEnergyJ]))
        out += SVGChartStackedBars(
            title: "Energy by application over the whole run (J)", unit: "J",
            segments: [.init(name: "dynamic", color: HTMLStyle.workloadColor),
                       .init(name: "idle share", color: HTMLStyle.idleShareColor),
                       .init(name: "unattributed", color: HTMLStyle.unattributedColor)],
            bars: appBars, estimated: estimated, height: 260).render()
        var apps = HTMLTable([.init("application"), .init("energy", numeric: true), .init("dynamic", numeric: true),
                              .init("idle share", numeric: true), .init("CPU time", numeric: true),
                              .init("I/O read", numeric: true), .init("I/O written", numeric: true),
                              .init("units", numeric: true), .init("CO2e", numeric: true)])
        for app in report.applications {
            apps.add([e(app.name), cell(app.energyJ, "J", kind: kind), cell(app.dynamicEnergyJ, "J", kind: kind),
                      cell(app.idleEnergyJ, "J", kind: kind), e(HTMLNumberFormat.quantity(app.cpuSeconds, "s")),
                      e(HTMLNumberFormat.bytes(app.ioReadBytes)), e(HTMLNumberFormat.bytes(app.ioWriteBytes)),
                      e(HTMLNumberFormat.number(app.functionalUnits) + " " + app.functionalUnit),
                      cell(app.co2eG, "g", kind: kind)])
        }
        out += estimateCaption(kind) + apps.render() + consumerTable(report, kind: kind)
        for app in report.applications { out += gpuTable(app, nodeKind: kind) }
        return out + "</section>\n"
    }

    /// 3. Per-unit figures: each repetition (error bar: the node energy's relative uncertainty)
    /// and the mean with its 95 % confidence interval across repetitions.
    package static func perUnitSection(_ report: Report) -> String {
        let kind = report.nodeEnergy.kind
        let relative = report.nodeEnergy.relativeUncertainty
        var out = "<section id=\"per-unit\">\n<h2>Per functional unit, with 95 % confidence interval</h2>\n"
        out += "<p class=\"note\">Energy attributed in each repetition's load phase over the units it produced. "
            + "Repetition error bars: the node energy's stated uncertainty ("
            + e(HTMLNumberFormat.uncertainty(relative)) + "); the run's figure: Σ energy / Σ units over the "
            + "repetitions, its bar the 95 % confidence interval by the delta method (Student's t).</p>\n"
        for app in report.applications {
            let unit = "J/" + app.functionalUnit
            out += "<h3>\(e(app.name)): energy per \(e(app.functionalUnit)) \(kind == .estimated ? badge(.estimated) : "")</h3>\n"
            var points = app.repetitions.compactMap { rep in
                rep.energyPerUnitJ.map { value in
                    SVGChartInterval.Point(label: "repetition \(rep.repetition)", value: value,
                                           low: relative.map { value * (1 - $0) }, high: relative.map { value * (1 + $0) },
                                           isMean: false)
                }
            }
            if let stats = app.statistics.energyPerUnitJ {
                points.append(.init(label: "ΣE/ΣN (95 % CI)", value: stats.mean, low: stats.ci95Low, high: stats.ci95High,
                                    isMean: true))
            }
            if points.isEmpty {
                out += "<p>No units were counted, so there is no per-unit figure.</p>\n"
            } else {
                out += SVGChartInterval(title: "Energy per \(app.functionalUnit) (\(unit)) by repetition and mean",
                                        unit: unit, points: points, estimated: kind == .estimated).render()
            }
            out += statisticsTable(app, kind: kind)
        }
        return out + "</section>\n"
    }

    package static func statisticsTable(_ app: ReportApplication, kind: SourceKind) -> String {
        var table = HTMLTable([.init("figure"), .init("n", numeric: true), .init("mean", numeric: true),
                               .init("sd", numeric: true), .init("95 % CI low", numeric: true),
                               .init("95 % CI high", numeric: true)])
        let rows: [(String, String, SummaryStatistics?)] = [
            ("energy in the load phase", "J", app.statistics.energyJ),
            ("energy per \(app.functionalUnit)", "J/" + app.functionalUnit, app.statistics.energyPerUnitJ),
            ("CO2e per \(app.functionalUnit)", "g/" + app.functionalUnit, app.statistics.co2ePerUnitG),
        ]
        for (name, unit, stats) in rows {
            guard let stats else { continue }
            table.add([e(name), String(stats.n), cell(stats.mean, unit, kind: kind), cell(stats.sd, unit, kind: kind),
                       cell(stats.ci95Low, unit, kind: kind), cell(stats.ci95High, unit, kind: kind)])
        }
        return estimateCaption(kind) + table.render()
    }
}
