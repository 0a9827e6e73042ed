import EcobenchModel
import EcobenchCollect
import EcobenchStore
import EcobenchAttribute

/// Builds the Blue Angel measurement report from a run's report (whose phase energies come from
/// `StoredRunAttribution`: no second energy formula here) and the run's node counters (CPU,
/// memory, disk, network) read over the same phase windows with `StoredCounterSeries`.
public enum BlueAngelBuilder {
    /// The criteria's scenarios and the phases that measure them (cooldown is not one).
    public static let scenarios: [(scenario: String, phase: PhaseName)] = [
        ("baseline", .baseline), ("idle_mode", .idle), ("standard_usage_scenario", .load),
    ]
    public static let samplesFileName = "blue-angel-samples.csv"

    /// Node channels behind each figure besides energy (written by the Collect probes).
    enum Channel {
        static let totalCPU = NodeCPUUtilisation.totalChannel
        static let memory = "node.memory.used_bytes"
        static let diskRead = "node.disk.read_bytes"
        static let diskWrite = "node.disk.write_bytes"
        static let netSent = "node.net.tx_bytes"
        static let netReceived = "node.net.rx_bytes"
    }

    public static func build(report: Report, store: RunStore) throws -> BlueAngelReport {
        let runID = report.run.id
        let series = try StoredCounterSeries(store: store, runID: runID)
        let descriptors = try store.sources(runID: runID).map(\.descriptor)
        let windows = try StoredRunAttribution.completedWindows(store: store, runID: runID)
        var warnings: [String] = []
        if report.nodeEnergy.kind != .measured {
            warnings.append("node energy is \(report.nodeEnergy.kind.rawValue) (\(report.nodeEnergy.method)), not measured by a meter")
        }
        let known = Set(descriptors.map(\.name))
        let needed = [Channels.nodeBusyCPUSeconds, Channel.totalCPU, Channel.memory, Channel.diskRead, Channel.diskWrite,
                      Channel.netSent, Channel.netReceived]
        for channel in needed where !known.contains(channel) {
            warnings.append("the run has no \(channel) channel: its figure is left out")
        }
        var scenarios: [BlueAngelScenario] = []
        for (name, phase) in Self.scenarios {
            let figures = try report.phases.filter { $0.name == phase }.map { reported -> BlueAngelFigures in
                guard let window = windows.first(where: { $0.name == phase && $0.repetition == reported.repetition }) else {
                    throw ReportError.corruptRecord(run: runID, field: "phases",
                                                    reason: "no stored window for \(phase.rawValue) of repetition \(reported.repetition)")
                }
                let baseline = report.phases.first { $0.name == .baseline && $0.repetition == reported.repetition }
                return try Self.phaseFigures(reported, window: window, baseline: baseline, series: series,
                                   hasBusyCPU: known.contains(Channels.nodeBusyCPUSeconds))
            }
            if figures.isEmpty {
                warnings.append("no completed \(phase.rawValue) phase: scenario \(name) is missing")
            } else if figures.count < BlueAngelReport.recommendedRepetitions {
                warnings.append("scenario \(name): \(figures.count) repetitions; DE-UZ 215 practice is at least "
                                + "\(BlueAngelReport.recommendedRepetitions) repetitions of each scenario")
            }
            scenarios.append(BlueAngelScenario(scenario: name, phase: phase, repetitions: figures,
                                               statistics: BlueAngelStatistics(figures)))
        }
        let steps = try store.loadSteps(runID: runID)
        let clockStart = try store.run(id: runID)?.run.clockStartUnixNanoseconds ?? 0
        let log = BlueAngelScenarioLog.entries(steps, clockStartUnixNs: clockStart, windows: windows)
        if steps.isEmpty, windows.contains(where: { $0.name == .load }) {
            warnings.append("the run stored no scenario log (local runs log the load's steps since the load_steps "
                            + "table exists; Kubernetes runs do not)")
        }
        for entry in log where !entry.withinLoadPhase {
            warnings.append("scenario log: step \(entry.step) '\(entry.name)' of repetition \(entry.repetition) "
                            + "lies outside its load phase")
        }
        return BlueAngelReport(
            generator: report.generator,
            run: .init(id: runID, workload: report.run.workload, description: report.run.description,
                       startedAt: report.run.startedAt, endedAt: report.run.endedAt,
                       repetitionsPlanned: report.run.repetitionsPlanned,
                       repetitionsCompleted: report.run.repetitionsCompleted, samplingIntervalS: report.run.intervalS),
            energyKind: report.nodeEnergy.kind, energyMethod: report.nodeEnergy.method, referenceSystem: report.host,
            instruments: Self.instruments(report: report, descriptors: descriptors),
            scenarios: scenarios, scenarioLog: log,
            annex: .init(samplesCsv: samplesFileName, columns: CSVWriter.sampleColumns,
                         scenarioLogCsv: BlueAngelScenarioLog.fileName, scenarioLogColumns: BlueAngelScenarioLog.columns),
            warnings: warnings)
    }

    static func phaseFigures(_ phase: ReportPhase, window: PhaseWindow, baseline: ReportPhase?, series: StoredCounterSeries,
                        hasBusyCPU: Bool) throws -> BlueAngelFigures {
        let (start, end) = (window.startNanoseconds, window.endNanoseconds)
        func megabytes(_ channel: String) throws -> Double? { try series.delta(of: channel, from: start, to: end).map { $0 / 1e6 } }
        let joulesPerWh = 3600.0
        var figures = BlueAngelFigures(
            repetition: phase.repetition, startS: phase.startS, durationS: phase.durationS,
            energyWh: phase.energyJ / joulesPerWh,
            energyWindowUncertaintyWh: phase.energyWindow.map { $0.standardUncertaintyJ / joulesPerWh },
            netEnergyWh: baseline.map { (phase.energyJ - $0.meanPowerW * phase.durationS) / joulesPerWh },
            meanPowerW: phase.meanPowerW)
        if phase.name == .baseline { figures.netEnergyWh = 0 }
        if hasBusyCPU, let fraction = try NodeCPUUtilisation.fraction(busyCPUSeconds: phase.nodeBusyCpuSeconds, windows: [window],
                                                                     series: series) {
            let percent = 100 * fraction
            figures.cpuUtilisationPercent = percent
            figures.cpuIntegralPercentSeconds = percent * phase.durationS
        }
        if end > start, let memory = try series.window(of: Channel.memory, from: start, to: end, mode: .gauge)?.amount {
            figures.memoryMeanMegabytes = memory / Double(end - start) / 1e6
        }
        figures.storageReadMegabytes = try megabytes(Channel.diskRead)
        figures.storageWriteMegabytes = try megabytes(Channel.diskWrite)
        figures.networkSentMegabytes = try megabytes(Channel.netSent)
        figures.networkReceivedMegabytes = try megabytes(Channel.netReceived)
        return figures
    }

    static func instruments(report: Report, descriptors: [SourceDescriptor]) -> [BlueAngelInstrument] {
        let byName = Dictionary(descriptors.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let figures: [(String, [String])] = [
            ("energy", report.nodeEnergy.channels),
            ("cpu", [Channels.nodeBusyCPUSeconds, Channel.totalCPU]),
            ("memory", [Channel.memory]),
            ("storage", [Channel.diskRead, Channel.diskWrite]),
            ("network", [Channel.netSent, Channel.netReceived]),
        ]
        return figures.flatMap { figure, channels in
            channels.compactMap { byName[$0] }.map { source in
                BlueAngelInstrument(figure: figure, channel: source.name, kind: source.kind, model: source.model,
                                    path: source.path, unit: source.unit, resolution: source.resolutionJoules,
                                    samplingIntervalS: report.run.intervalS,
                                    relativeUncertainty: source.relativeUncertainty,
                                    uncertaintyBasis: source.uncertaintyBasis)
            }
        }
    }
}
