import EcobenchCollect

/// Splits each phase's node energy into idle and dynamic parts (GMT's method: the repetition's
/// baseline power × duration is idle) and gives the workload its CPU-time share of the dynamic
/// part (Kepler's ratio); what it is not given stays `unattributed`. A GPU whose energy is part
/// of the node energy and whose per-process SM time was measured is split out first: the
/// workload gets its SM-time share of that GPU's dynamic energy (`GPUAttribution`).
public struct Attributor {
    public var selection: NodeEnergySelection
    public var energyChannels: [String]
    public var idlePolicy: IdlePolicy
    /// Share of the machine the workload reserved (0…1), for the `reserved` idle policy.
    public var reservedShare: Double
    /// GPUs with per-process SM channels (`workload.gpu<i>.sm_seconds`), by index.
    public var gpusWithProcessData: [Int]

    public init(selection: NodeEnergySelection, energyChannels: [String], idlePolicy: IdlePolicy = .none,
                reservedShare: Double = 1, gpusWithProcessData: [Int] = []) {
        self.selection = selection
        self.energyChannels = energyChannels
        self.idlePolicy = idlePolicy
        self.reservedShare = min(1, max(0, reservedShare))
        self.gpusWithProcessData = gpusWithProcessData
    }

    public func attribute(_ windows: [PhaseWindow], series: CounterSeries) throws -> [PhaseAttribution] {
        var baselinePower: [Int: Double] = [:]
        var backgroundCPURate: [Int: Double] = [:]
        var gpuBaselinePower: [Int: [Int: Double]] = [:]
        var out: [PhaseAttribution] = []
        let nodeChannels = Set(selection.channels)
        // Baselines first, so every phase of a repetition can use its own baseline power and
        // background CPU rate.
        for window in windows where window.name == .baseline && window.durationSeconds > 0 {
            baselinePower[window.repetition] = try nodeEnergy(window, series) / window.durationSeconds
            backgroundCPURate[window.repetition] = CPUShareSplit.backgroundRate(
                busyCPUSeconds: try delta(Channels.nodeBusyCPUSeconds, window, series),
                consumersCPUSeconds: try delta(Channels.workloadCPUSeconds, window, series) ?? 0,
                durationSeconds: window.durationSeconds)
            gpuBaselinePower[window.repetition] = try GPUAttribution.baselinePower(
                gpus: gpusWithProcessData, window: window, series: series)
        }
        for window in windows {
            let node = try nodeEnergy(window, series)
            var perSource: [String: Double] = [:]
            for channel in energyChannels {
                perSource[channel] = try series.delta(of: channel, from: window.startNanoseconds, to: window.endNanoseconds)
            }
            let baseline = baselinePower[window.repetition]
            let idleSplit = IdleSplit(energyJoules: node, baselinePowerWatts: baseline, durationSeconds: window.durationSeconds)
            let busy = try delta(Channels.nodeBusyCPUSeconds, window, series).map { max(0, $0) }
            let workloadCPU = max(0, try delta(Channels.workloadCPUSeconds, window, series) ?? 0)
            let cpu = CPUShareSplit(consumerCPUSeconds: [workloadCPU], busyCPUSeconds: busy,
                                    backgroundCPUPerSecond: backgroundCPURate[window.repetition],
                                    durationSeconds: window.durationSeconds)
            let share = cpu.totalShare
            let gpus = try GPUAttribution.shares(gpus: gpusWithProcessData, nodeChannels: nodeChannels, window: window,
                                                 series: series, baselinePower: gpuBaselinePower[window.repetition] ?? [:],
                                                 nodeDynamicJoules: idleSplit.dynamicEnergyJoules)
            // GPUs split out by SM time; the rest of the dynamic energy by CPU time.
            let gpuDynamic = gpus.shares.reduce(0) { $0 + ($1.dynamicEnergyJoules ?? 0) }
            let gpuWorkload = gpus.shares.reduce(0) { $0 + ($1.workloadDynamicEnergyJoules ?? 0) }
            let idleShare = idlePolicy.idleShares(idleJoules: idleSplit.idleEnergyJoules, split: cpu,
                                                  consumerCPUSeconds: [workloadCPU], reservedShare: reservedShare,
                                                  referenceWindow: window.name == .baseline).reduce(0, +)
            // A phase without the workload's CPU and a node without a busy counter is no clamp worth a note.
            let cpuNotes = workloadCPU > 0 || busy != nil ? cpu.notes : []
            out.append(PhaseAttribution(
                window: window, nodeEnergyJoules: idleSplit.energyJoules, sourceEnergyJoules: perSource,
                baselinePowerWatts: baseline, idleEnergyJoules: idleSplit.idleEnergyJoules,
                dynamicEnergyJoules: idleSplit.dynamicEnergyJoules,
                nodeBusyCPUSeconds: busy ?? 0, workloadCPUSeconds: workloadCPU, workloadCPUShare: share,
                backgroundCPUSeconds: cpu.backgroundCPUSeconds,
                workloadDynamicEnergyJoules: (idleSplit.dynamicEnergyJoules - gpuDynamic) * share + gpuWorkload,
                workloadIdleEnergyJoules: idleShare,
                workloadIOReadBytes: max(0, try delta(Channels.workloadIOReadBytes, window, series) ?? 0),
                workloadIOWriteBytes: max(0, try delta(Channels.workloadIOWriteBytes, window, series) ?? 0),
                gpuShares: gpus.shares, notes: idleSplit.notes + cpuNotes + gpus.notes))
        }
        return out
    }

    private func nodeEnergy(_ window: PhaseWindow, _ series: CounterSeries) throws -> Double {
        var total = 0.0
        for channel in selection.channels {
            guard let d = try series.delta(of: channel, from: window.startNanoseconds, to: window.endNanoseconds) else {
                throw AttributionError.missingSamples(channel: channel,
                                                      phase: "\(window.name.rawValue) of repetition \(window.repetition)")
            }
            total += max(0, d)
        }
        return total
    }

    private func delta(_ channel: String, _ window: PhaseWindow, _ series: CounterSeries) throws -> Double? {
        try series.delta(of: channel, from: window.startNanoseconds, to: window.endNanoseconds)
    }
}
