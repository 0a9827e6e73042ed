import EcobenchStore
import EcobenchAttribute

/// What ecobench itself cost while it measured: the `overhead` section of a report.
///
/// `share_of_node_cpu` is its CPU seconds (sampling + writer thread) over the node's busy
/// CPU seconds between the run's first and last sample; `estimated_energy_j` gives it that
/// CPU time at the run's dynamic energy per busy CPU second (`method` says so).
public struct ReportOverhead: Codable, Sendable {
    public var samplerCpuSeconds: Double
    public var writerCpuSeconds: Double
    public var ticks: Int
    public var wallS: Double
    public var nodeBusyCpuSeconds: Double
    public var shareOfNodeCpu: Double
    public var peakRssBytes: Int64
    public var estimatedEnergyJ: Double
    public var method: String

    /// nil for runs stored before ecobench recorded its own cost.
    package static func build(store: RunStore, runID: Int64, phases: [PhaseAttribution],
                              series: any CounterSeries) throws -> ReportOverhead? {
        guard let own = try store.overhead(runID: runID) else { return nil }
        let cpu = own.samplerCPUSeconds + own.writerCPUSeconds
        let nodeBusy = max(0, try series.delta(of: Channels.nodeBusyCPUSeconds, from: .min, to: .max) ?? 0)
        let phaseBusy = phases.reduce(0) { $0 + $1.nodeBusyCPUSeconds }
        let phaseDynamic = phases.reduce(0) { $0 + $1.dynamicEnergyJoules }
        let joulesPerCPUSecond = phaseBusy > 0 ? max(0, phaseDynamic) / phaseBusy : 0
        return ReportOverhead(
            samplerCpuSeconds: own.samplerCPUSeconds, writerCpuSeconds: own.writerCPUSeconds, ticks: own.ticks,
            wallS: own.wallSeconds, nodeBusyCpuSeconds: nodeBusy, shareOfNodeCpu: nodeBusy > 0 ? cpu / nodeBusy : 0,
            peakRssBytes: own.peakRSSBytes, estimatedEnergyJ: cpu * joulesPerCPUSecond,
            method: "CPU-time share of dynamic energy: (sampler + writer CPU s) × Σ phase dynamic energy J / "
                + "Σ phase node busy CPU s; CPU times from CLOCK_THREAD_CPUTIME_ID, peak RSS from VmHWM")
    }
}
