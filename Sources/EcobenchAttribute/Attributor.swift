import EcobenchCollect

/// Splits each phase's node energy into idle and dynamic parts (GMT's method: the repetition's
/// baseline power × duration is idle) and gives the workload its CPU-time share of the dynamic
/// part (Kepler's ratio); what it is not given stays `unattributed`. A GPU whose energy is part
/// of the node energy and whose per-process SM time was measured is split out first: the
/// workload gets its SM-time share of that GPU's dynamic energy (`GPUAttribution`). Services
/// measured apart and the load generator are further consumers of the same split
/// (`ConsumerPhaseShare`); the load generator's energy is neither the workload's nor unattributed.
public struct Attributor {
    public var selection: NodeEnergySelection
    public var energyChannels: [String]
    public var idlePolicy: IdlePolicy
    /// Share of the machine the workload reserved (0…1), for the `reserved` idle policy.
    public var reservedShare: Double
    /// GPUs with per-process SM channels (`workload.gpu<i>.sm_seconds`), by index.
    public var gpusWithProcessData: [Int]
    /// Services measured apart (`service.<name>.*` channels): each a consumer of the split, the
    /// workload's figures their sum plus the workload cgroup's own.
    public var serviceNames: [String]
    /// Whether the load generator was measured apart (`load_generator.*`): a consumer of the
    /// split of its own, attributed apart from the workload and from `unattributed`.
    public var hasLoadGenerator: Bool

    public init(selection: NodeEnergySelection, energyChannels: [String], idlePolicy: IdlePolicy = .none,
                reservedShare: Double = 1, gpusWithProcessData: [Int] = [], serviceNames: [String] = [],
                hasLoadGenerator: Bool = false) {
        self.serviceNames = serviceNames
        self.hasLoadGenerator = hasLoadGenerator
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
                consumersCPUSeconds: try delta(Channels.workloadCPUSeconds, window, series) ?? 0
                    + consumers(window, series).reduce(0) { $0 + $1.cpuSeconds },
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
            // Consumers: the workload cgroup itself, each service, the load generator (in this order).
            let ownCPU = max(0, try delta(Channels.workloadCPUSeconds, window, series) ?? 0)
            let readings = try consumers(window, series)
            let services = readings.prefix(serviceNames.count)
            let workloadCPU = ownCPU + services.reduce(0) { $0 + $1.cpuSeconds }
            let cpu = CPUShareSplit(consumerCPUSeconds: [ownCPU] + readings.map(\.cpuSeconds), busyCPUSeconds: busy,
                                    backgroundCPUPerSecond: backgroundCPURate[window.repetition],
                                    durationSeconds: window.durationSeconds)
            let share = cpu.shares.prefix(1 + serviceNames.count).reduce(0, +)
            let gpus = try GPUAttribution.shares(gpus: gpusWithProcessData, nodeChannels: nodeChannels, window: window,
                                                 series: series, baselinePower: gpuBaselinePower[window.repetition] ?? [:],
                                                 nodeDynamicJoules: idleSplit.dynamicEnergyJoules)
            // GPUs split out by SM time; the rest of the dynamic energy by CPU time.
            let gpuDynamic = gpus.shares.reduce(0) { $0 + ($1.dynamicEnergyJoules ?? 0) }
            let gpuWorkload = gpus.shares.reduce(0) { $0 + ($1.workloadDynamicEnergyJoules ?? 0) }
            // The idle policy concerns the workload: the load generator carries no idle energy.
            let idleShares = Array(idlePolicy.idleShares(
                idleJoules: idleSplit.idleEnergyJoules, split: cpu, consumerCPUSeconds: [ownCPU] + services.map(\.cpuSeconds),
                reservedShare: reservedShare, referenceWindow: window.name == .baseline).prefix(1 + serviceNames.count))
            let idleShare = idleShares.reduce(0, +)
            let cpuDynamic = idleSplit.dynamicEnergyJoules - gpuDynamic
            let shares = readings.indices.map { i in
                ConsumerPhaseShare(name: readings[i].name, cpuSeconds: readings[i].cpuSeconds, cpuShare: cpu.shares[1 + i],
                                   dynamicEnergyJoules: cpuDynamic * cpu.shares[1 + i],
                                   idleEnergyJoules: i < serviceNames.count && idleShares.count > 1 + i ? idleShares[1 + i] : 0,
                                   ioReadBytes: readings[i].ioReadBytes, ioWriteBytes: readings[i].ioWriteBytes)
            }
            // A phase without the workload's CPU and a node without a busy counter is no clamp worth a note.
            let cpuNotes = workloadCPU > 0 || busy != nil ? cpu.notes : []
            out.append(PhaseAttribution(
                window: window, nodeEnergyJoules: idleSplit.energyJoules, sourceEnergyJoules: perSource,
                baselinePowerWatts: baseline, idleEnergyJoules: idleSplit.idleEnergyJoules,
                dynamicEnergyJoules: idleSplit.dynamicEnergyJoules,
                nodeBusyCPUSeconds: busy ?? 0, workloadCPUSeconds: workloadCPU, workloadCPUShare: share,
                backgroundCPUSeconds: cpu.backgroundCPUSeconds,
                workloadDynamicEnergyJoules: cpuDynamic * share + gpuWorkload,
                workloadIdleEnergyJoules: idleShare,
                workloadIOReadBytes: max(0, try delta(Channels.workloadIOReadBytes, window, series) ?? 0)
                    + services.reduce(0) { $0 + $1.ioReadBytes },
                workloadIOWriteBytes: max(0, try delta(Channels.workloadIOWriteBytes, window, series) ?? 0)
                    + services.reduce(0) { $0 + $1.ioWriteBytes },
                gpuShares: gpus.shares, services: Array(shares.prefix(serviceNames.count)),
                loadGenerator: hasLoadGenerator ? shares.last : nil, notes: idleSplit.notes + cpuNotes + gpus.notes))
        }
        return out
    }

    /// The services' and the load generator's readings over `window`, in that order.
    private func consumers(_ window: PhaseWindow, _ series: CounterSeries) throws -> [ConsumerReading] {
        var out = try serviceNames.map {
            try ConsumerReading(name: $0, prefix: ConsumerChannels.servicePrefix($0), window: window, series: series)
        }
        if hasLoadGenerator {
            out.append(try ConsumerReading(name: ConsumerChannels.loadGeneratorPrefix,
                                           prefix: ConsumerChannels.loadGeneratorPrefix, window: window, series: series))
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
