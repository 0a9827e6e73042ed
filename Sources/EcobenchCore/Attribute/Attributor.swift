/// Splits each phase's node energy into idle and dynamic parts (GMT's method: the repetition's
/// baseline power × duration is idle) and gives the workload its CPU-time share of the dynamic
/// part (Kepler's ratio); what it is not given stays `unattributed`.
public struct Attributor {
    public var selection: NodeEnergySelection
    public var energyChannels: [String]
    public var idlePolicy: IdlePolicy
    /// Share of the machine the workload reserved (0…1), for the `reserved` idle policy.
    public var reservedShare: Double

    public init(selection: NodeEnergySelection, energyChannels: [String], idlePolicy: IdlePolicy = .none,
                reservedShare: Double = 1) {
        self.selection = selection
        self.energyChannels = energyChannels
        self.idlePolicy = idlePolicy
        self.reservedShare = min(1, max(0, reservedShare))
    }

    public func attribute(_ windows: [PhaseWindow], series: CounterSeries) throws -> [PhaseAttribution] {
        var baselinePower: [Int: Double] = [:]
        var out: [PhaseAttribution] = []
        // Baselines first, so every phase of a repetition can use its own baseline power.
        for window in windows where window.name == .baseline && window.durationSeconds > 0 {
            baselinePower[window.repetition] = try nodeEnergy(window, series) / window.durationSeconds
        }
        for window in windows {
            let node = try nodeEnergy(window, series)
            var perSource: [String: Double] = [:]
            for channel in energyChannels {
                perSource[channel] = try series.delta(of: channel, from: window.startNanoseconds, to: window.endNanoseconds)
            }
            let baseline = baselinePower[window.repetition]
            let idle = baseline.map { min(node, max(0, $0 * window.durationSeconds)) } ?? 0
            let dynamic = node - idle
            let busy = max(0, try delta(Channels.nodeBusyCPUSeconds, window, series) ?? 0)
            let workloadCPU = max(0, try delta(Channels.workloadCPUSeconds, window, series) ?? 0)
            let share = busy > 0 ? min(1, workloadCPU / busy) : 0
            out.append(PhaseAttribution(
                window: window, nodeEnergyJoules: node, sourceEnergyJoules: perSource,
                baselinePowerWatts: baseline, idleEnergyJoules: idle, dynamicEnergyJoules: dynamic,
                nodeBusyCPUSeconds: busy, workloadCPUSeconds: workloadCPU, workloadCPUShare: share,
                workloadDynamicEnergyJoules: dynamic * share,
                workloadIdleEnergyJoules: idleShare(idle: idle, window: window, cpuShare: share),
                workloadIOReadBytes: max(0, try delta(Channels.workloadIOReadBytes, window, series) ?? 0),
                workloadIOWriteBytes: max(0, try delta(Channels.workloadIOWriteBytes, window, series) ?? 0)))
        }
        return out
    }

    private func idleShare(idle: Double, window: PhaseWindow, cpuShare: Double) -> Double {
        switch idlePolicy {
        case .none: return 0
        case .reserved: return window.name == .baseline ? 0 : idle * reservedShare
        case .proportional: return idle * cpuShare
        }
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
