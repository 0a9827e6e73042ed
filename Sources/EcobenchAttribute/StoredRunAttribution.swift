import EcobenchCollect
import EcobenchStore

/// The attribute step of the pipeline (collect → store → attribute → report) for a stored run:
/// its completed phase windows, the node energy source chosen among its channels, each phase's
/// node energy split by `Attributor` (idle/dynamic, the workload's CPU-time share, GPUs), and the
/// cross-check of the other candidate sources. `ReportBuilder` formats the result and adds what
/// a report needs besides (carbon, SCI, impacts, gaps, error budgets); it splits no energy itself.
public struct StoredRunAttribution {
    public var windows: [PhaseWindow]
    /// Every channel the run recorded.
    public var sources: [SourceDescriptor]
    public var selection: NodeEnergySelection
    public var series: StoredCounterSeries
    /// One per window, in the windows' order.
    public var phases: [PhaseAttribution]
    public var crossCheck: SourceCrossCheck

    /// The phases of the run that ended, in the order they were recorded.
    public static func completedWindows(store: RunStore, runID: Int64) throws -> [PhaseWindow] {
        try store.phases(runID: runID).compactMap { phase -> PhaseWindow? in
            guard let end = phase.endNanoseconds else { return nil }
            return PhaseWindow(repetition: phase.repetition, name: phase.name, startNanoseconds: phase.startNanoseconds,
                               endNanoseconds: end, functionalUnits: phase.functionalUnits)
        }
    }

    /// Attributes `windows` of run `runID`; nil when the run recorded no node energy source.
    public init?(store: RunStore, runID: Int64, windows: [PhaseWindow], idlePolicy: IdlePolicy,
                 reservedShare: Double) throws {
        let sources = try store.sources(runID: runID).map(\.descriptor)
        guard let selection = NodeEnergySelection.choose(from: sources) else { return nil }
        let energyChannels = sources.filter { $0.unit == "J" && $0.semantics == .counter }.map(\.name)
        let gpusWithProcessData = sources.compactMap { GPUChannels.gpuIndex(ofWorkloadSMSeconds: $0.name) }
        let names = sources.map(\.name)
        let attributor = Attributor(
            selection: selection, energyChannels: energyChannels, idlePolicy: idlePolicy,
            reservedShare: reservedShare, gpusWithProcessData: gpusWithProcessData,
            serviceNames: ConsumerChannels.serviceNames(in: names),
            hasLoadGenerator: names.contains(ConsumerChannels.channel(ConsumerChannels.loadGeneratorPrefix, "cpu_seconds")))
        let series = try StoredCounterSeries(store: store, runID: runID)
        self.windows = windows
        self.sources = sources
        self.selection = selection
        self.series = series
        phases = try attributor.attribute(windows, series: series)
        crossCheck = try SourceCrossCheck.compare(selected: selection, candidates: NodeEnergySelection.candidates(from: sources),
                                                  windows: windows, series: series)
    }
}
