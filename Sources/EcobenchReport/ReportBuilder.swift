import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchCheck
import EcobenchStore
import EcobenchAttribute

/// Derives a run's report from what the database holds (samples, phases, sources, settings),
/// so `ecobench report` can regenerate any report later.
public struct ReportBuilder {
    public let store: RunStore
    public var version: String

    public init(store: RunStore, version: String = EcobenchVersion.current) {
        self.store = store
        self.version = version
    }

    public func build(runID: Int64, carbon override: GridIntensity? = nil) throws -> Report {
        try build(runID: runID, options: ReportOptions(carbon: override))
    }

    public func build(runID: Int64, options: ReportOptions) throws -> Report {
        guard let record = try store.run(id: runID) else { throw ReportError.runNotFound(runID, database: store.path) }
        let decoder = ReportCoding.decoder()
        let settings: RunSettings
        let host: ReportHost
        do { settings = try decoder.decode(RunSettings.self, from: Data(record.run.settingsJSON.utf8)) } catch {
            throw ReportError.corruptRecord(run: runID, field: "settings_json", reason: "\(error)")
        }
        do { host = try decoder.decode(ReportHost.self, from: Data(record.run.hostJSON.utf8)) } catch {
            throw ReportError.corruptRecord(run: runID, field: "host_json", reason: "\(error)")
        }
        var notes: [String]
        do { notes = try decoder.decode([String].self, from: Data(record.notesJSON.utf8)) } catch {
            notes = ["the run's stored notes are unreadable (\(error)): \(ReadingFailure.shorten(record.notesJSON))"]
        }
        let carbon = options.carbon ?? settings.carbon
        var impact = options.impact ?? settings.impact ?? ImpactSettings()
        let idlePolicy = options.idlePolicy ?? settings.idlePolicy

        let windows = try StoredRunAttribution.completedWindows(store: store, runID: runID)
        guard !windows.isEmpty else { throw ReportError.noCompletedPhase(run: runID) }
        let clockStart = record.run.clockStartUnixNanoseconds
        impact.gridSeries = try GridSeriesCoverage.check(
            impact, carbon: carbon, startUnixSeconds: Double(clockStart + (windows.map(\.startNanoseconds).min() ?? 0)) / 1e9,
            endUnixSeconds: Double(clockStart + (windows.map(\.endNanoseconds).max() ?? 0)) / 1e9, notes: &notes)
        // The attribute step: node energy per phase, split between the workload and the rest.
        let kubernetes = try store.kubernetes(runID: runID)
        guard let attribution = try StoredRunAttribution(store: store, runID: runID, windows: windows,
                                                         idlePolicy: idlePolicy, reservedShare: impact.reservedShare) else {
            if kubernetes != nil { throw ReportError.clusterEnergyNotMeasured(run: runID) }
            throw AttributionError.noEnergySource
        }
        let (sources, selection, series, crossCheck) = (attribution.sources, attribution.selection, attribution.series,
                                                        attribution.crossCheck)
        var attributed = attribution.phases
        var kubernetesSection = kubernetes
        if var section = kubernetes {
            Self.applyPods(&section, to: &attributed, idlePolicy: idlePolicy, reservedShare: impact.reservedShare,
                           notes: &notes)
            kubernetesSection = section
        }
        for a in attributed {
            notes += a.notes.map { "\(a.window.name.rawValue) of repetition \(a.window.repetition): " + $0 }
        }
        notes += crossCheck.flags.map { "flag: " + $0 }

        if !windows.contains(where: { $0.name == .baseline && $0.durationSeconds > 0 }) {
            notes.append("no baseline phase: idle power unknown, all node energy counted as dynamic")
        }
        if selection.kind == .estimated {
            notes.append("node energy is ESTIMATED (\(selection.method)), not measured: no power sensor was readable")
        }
        let completed = Set(windows.filter { $0.name == .cooldown }.map(\.repetition)).count
        let partial = completed < settings.repetitions
        if record.status == .interrupted { notes.append("run was interrupted: \(record.error ?? "stopped early")") }
        if partial { notes.append("partial: \(completed) of \(settings.repetitions) repetitions completed") }

        let runEnd = windows.map(\.endNanoseconds).max() ?? 0
        var derivedGaps: [SourceGap] = []
        for source in try store.sources(runID: runID) where source.descriptor.unit == "J" {
            derivedGaps += try store.sampleGaps(source: source)
        }
        let sourceGaps = SourceGap.merging(stored: try store.gaps(runID: runID), derived: derivedGaps)
        let gaps = sourceGaps.map { ReportGap.build($0, windows: windows, runEnd: runEnd) }
        for gap in gaps {
            let covered = gap.phases.reduce(0) { $0 + $1.coveredS }
            notes.append(String(format: "gap in %@ from %.1f s%@ (%.1f s inside phases): %@; energy across it is interpolated between the readings on either side",
                                gap.source, gap.startS, gap.endS.map { String(format: " to %.1f s", $0) } ?? " to the end",
                                covered, gap.reason))
        }
        // CO2e of each phase's node energy (× PUE): sample by sample with a time series, else E × I.
        var sourceIDs: [String: Int64] = [:]
        for source in try store.sources(runID: runID) { sourceIDs[source.descriptor.name] = source.id }
        var nodeGrams: [Double] = []
        for a in attributed {
            if let gridSeries = impact.gridSeries {
                nodeGrams.append(impact.pue * (try TimeResolvedCarbon.grams(
                    store: store, sourceIDs: sourceIDs, channels: selection.channels, window: a.window,
                    clockStartUnixNs: record.run.clockStartUnixNanoseconds, series: gridSeries)))
            } else {
                nodeGrams.append(impact.pue * carbon.co2eGrams(joules: a.nodeEnergyJoules))
            }
        }
        let gramsOf = CarbonAllocation(attributed: attributed, nodeGrams: nodeGrams)
        var phases = attributed.enumerated().map { reportPhase($1, co2eGrams: nodeGrams[$0]) }
        for index in phases.indices {
            phases[index].energyWindow = try ReportEnergyWindow.measure(series, channels: selection.channels,
                                                                        window: attributed[index].window)
        }
        var application = ApplicationSummary.build(name: record.run.workload, functionalUnit: record.run.functionalUnit,
                                                   phases: attributed, grams: gramsOf)
        let gauges = try ReportGauge.summarise(store: store, runID: runID)
        application.gpus = ReportApplicationGPU.build(phases: attributed, gauges: gauges)
        let quality = ReportQuality.assess(application)
        if let suggestion = quality.suggestion { notes.append("flag: " + suggestion) }
        let sci = SCIBuilder.build(application: application, attributed: attributed, grams: gramsOf, impact: impact,
                                   carbon: carbon, host: host)
        notes += sci.notes
        let nodeEnergy = attributed.reduce(0) { $0 + $1.nodeEnergyJoules }
        let attributedEnergy = attributed.reduce(0) { $0 + $1.workloadEnergyJoules }
        let consumers = ReportConsumer.build(phases: attributed, gauges: gauges)
        let loadGenerator = attributed.contains { $0.loadGenerator != nil }
            ? attributed.reduce(0) { $0 + $1.loadGeneratorEnergyJoules } : nil
        let duration = attributed.reduce(0) { $0 + $1.window.durationSeconds }
        let used = Set(selection.channels)

        var report = Report(
            generator: .init(name: "ecobench", version: version),
            run: .init(id: runID, workload: record.run.workload, workloadFile: record.run.workloadFile,
                       description: settings.description, functionalUnit: record.run.functionalUnit,
                       status: record.status, interrupted: record.status == .interrupted, partial: partial,
                       startedAt: record.run.startedAt, endedAt: record.endedAt,
                       clockStartUnixNs: record.run.clockStartUnixNanoseconds,
                       repetitionsPlanned: settings.repetitions, repetitionsCompleted: completed,
                       intervalS: settings.intervalS, idlePolicy: idlePolicy,
                       phaseDurationsS: settings.phaseDurations, error: record.error),
            host: host,
            sources: sources.map {
                ReportSource(name: $0.name, kind: $0.kind, unit: $0.unit, semantics: $0.semantics, scope: $0.scope,
                             path: $0.path, energyRole: $0.energyRole, model: $0.model,
                             relativeUncertainty: $0.relativeUncertainty, uncertaintyBasis: $0.uncertaintyBasis,
                             usedForNodeEnergy: used.contains($0.name))
            },
            nodeEnergy: .init(rank: selection.rank, kind: selection.kind, method: selection.method,
                              channels: selection.channels, relativeUncertainty: selection.relativeUncertainty,
                              alternatives: crossCheck.alternatives, flags: crossCheck.flags),
            phases: phases,
            applications: [application],
            totals: .init(durationS: duration, nodeEnergyJ: nodeEnergy, attributedEnergyJ: attributedEnergy,
                          unattributedEnergyJ: nodeEnergy - attributedEnergy - (loadGenerator ?? 0),
                          co2eG: nodeGrams.reduce(0, +), nodeEnergyKind: selection.kind,
                          relativeUncertainty: selection.relativeUncertainty, loadGeneratorEnergyJ: loadGenerator),
            carbon: carbon,
            sci: sci.section,
            impacts: impact.allImpacts ? ImpactsBuilder.build(application: application, sci: sci.section,
                                                              carbon: carbon, impact: impact, host: host) : nil,
            gaps: gaps,
            gauges: gauges,
            checks: try ReportCheck.load(store: store, runID: runID),
            quality: quality,
            notes: notes,
            overhead: try ReportOverhead.build(store: store, runID: runID, phases: attributed, series: series))
        report.kubernetes = kubernetesSection
        report.consumers = consumers
        report.cluster = try ClusterReportBuilder.build(store: store, runID: runID)
        report.errorBudgets = ErrorBudgetBuilder.build(
            .forReport(selection: selection, sources: sources, phases: attributed, windows: phases.map(\.energyWindow),
                       carbon: carbon,
                       impact: impact, sci: sci.section, host: host),
            application: application, sci: sci.section)
        return report
    }

    package func reportPhase(_ a: PhaseAttribution, co2eGrams: Double) -> ReportPhase {
        ReportPhase(
            name: a.window.name, repetition: a.window.repetition, startS: Double(a.window.startNanoseconds) / 1e9,
            durationS: a.window.durationSeconds, energyJ: a.nodeEnergyJoules, meanPowerW: a.meanPowerWatts,
            baselinePowerW: a.baselinePowerWatts, idleEnergyJ: a.idleEnergyJoules,
            dynamicEnergyJ: a.dynamicEnergyJoules, workloadEnergyJ: a.workloadEnergyJoules,
            unattributedEnergyJ: a.unattributedEnergyJoules, nodeBusyCpuSeconds: a.nodeBusyCPUSeconds,
            workloadCpuSeconds: a.workloadCPUSeconds, workloadCpuShare: a.workloadCPUShare,
            functionalUnits: a.window.functionalUnits, co2eG: co2eGrams,
            sourceEnergy: a.sourceEnergyJoules.sorted { $0.key < $1.key }
                .map { ReportPhase.SourceEnergy(name: $0.key, energyJ: $0.value) },
            workloadGpus: a.gpuShares.isEmpty ? nil : a.gpuShares.map(ReportPhaseGPU.init),
            loadGeneratorEnergyJ: a.loadGenerator?.energyJoules)
    }

    /// The figures kept in the `results` table for querying without regenerating a report.
    public static func resultRows(_ report: Report) -> [ResultRow] {
        var rows: [ResultRow] = []
        for p in report.phases {
            for (metric, value) in [("energy_j", p.energyJ), ("workload_energy_j", p.workloadEnergyJ),
                                    ("unattributed_energy_j", p.unattributedEnergyJ),
                                    ("workload_cpu_seconds", p.workloadCpuSeconds)] {
                rows.append(ResultRow(repetition: p.repetition, phase: p.name.rawValue, subject: "node", metric: metric,
                                      value: value))
            }
        }
        for app in report.applications {
            for rep in app.repetitions {
                if let perUnit = rep.energyPerUnitJ {
                    rows.append(ResultRow(repetition: rep.repetition, phase: "load", subject: app.name,
                                          metric: "energy_per_unit_j", value: perUnit))
                }
            }
        }
        return rows
    }
}

public enum EcobenchVersion {
    public static let current = "0.1.0"
}
