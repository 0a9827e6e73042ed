/// One GPU in one phase: SM time of the workload and of every process (NVML per-process
/// utilisation), and, where the GPU's energy is a term of the node energy, the part of its
/// dynamic energy the workload is given by its SM-time share (Kepler's rule for GPUs,
/// `E_workload = E_active × SM_workload / SM_all`).
public struct GPUPhaseShare: Sendable, Equatable {
    public var gpu: Int
    public var workloadSMSeconds: Double
    public var allSMSeconds: Double
    /// `workloadSMSeconds / allSMSeconds` in [0, 1]; 0 when no process used the SMs.
    public var smShare: Double
    /// The GPU's energy in the phase; nil when it is not a term of the node energy (a wall or
    /// platform meter was chosen): then the SM share is reported, not used.
    public var energyJoules: Double?
    /// The GPU's baseline power in this repetition (W): its energy in the baseline phase over its duration.
    public var baselinePowerWatts: Double?
    /// `energyJoules − baseline × duration`, clamped at 0 and, with the other GPUs, at the node's dynamic energy.
    public var dynamicEnergyJoules: Double?
    /// `dynamicEnergyJoules × smShare`.
    public var workloadDynamicEnergyJoules: Double?
}

/// Splits each GPU's energy out of the node's dynamic energy and gives the workload its SM
/// share of it; the rest of the dynamic energy is shared by CPU time as before. Only GPUs with
/// per-process channels (`workload.gpu<i>.sm_seconds`, `nvml.gpu<i>.sm_seconds`) take part; a
/// phase where either counter has no sample leaves that GPU in the CPU-time share.
package enum GPUAttribution {
    /// Each GPU's mean power (W) over a baseline window.
    package static func baselinePower(gpus: [Int], window: PhaseWindow, series: CounterSeries) throws -> [Int: Double] {
        var out: [Int: Double] = [:]
        guard window.durationSeconds > 0 else { return out }
        for gpu in gpus {
            if let energy = try series.delta(of: GPUChannels.energy(gpu), from: window.startNanoseconds,
                                             to: window.endNanoseconds) {
                out[gpu] = max(0, energy) / window.durationSeconds
            }
        }
        return out
    }

    /// The GPUs' shares in one phase. `nodeChannels` are the channels summed into the node
    /// energy; `nodeDynamicJoules` caps the GPUs' dynamic energy together.
    package static func shares(gpus: [Int], nodeChannels: Set<String>, window: PhaseWindow, series: CounterSeries,
                               baselinePower: [Int: Double], nodeDynamicJoules: Double) throws
        -> (shares: [GPUPhaseShare], notes: [String]) {
        var out: [GPUPhaseShare] = []
        var notes: [String] = []
        for gpu in gpus {
            guard let workload = try series.delta(of: GPUChannels.workloadSMSeconds(gpu), from: window.startNanoseconds,
                                                  to: window.endNanoseconds),
                  let all = try series.delta(of: GPUChannels.allSMSeconds(gpu), from: window.startNanoseconds,
                                             to: window.endNanoseconds)
            else { continue }
            let workloadSM = max(0, workload), allSM = max(0, all)
            let share = allSM > 0 ? min(1, workloadSM / allSM) : 0
            if workloadSM > allSM && workloadSM > 0 {
                notes.append(String(format: "GPU %d: the workload's SM time (%.3f s) above all processes' (%.3f s): "
                                    + "SM share clamped to 1", gpu, workloadSM, allSM))
            }
            var entry = GPUPhaseShare(gpu: gpu, workloadSMSeconds: workloadSM, allSMSeconds: allSM, smShare: share)
            let channel = GPUChannels.energy(gpu)
            if nodeChannels.contains(channel),
               let energy = try series.delta(of: channel, from: window.startNanoseconds, to: window.endNanoseconds) {
                let baseline = baselinePower[gpu]
                let split = IdleSplit(energyJoules: energy, baselinePowerWatts: baseline,
                                      durationSeconds: window.durationSeconds)
                notes += split.notes.map { "GPU \(gpu): " + $0 }
                entry.energyJoules = split.energyJoules
                entry.baselinePowerWatts = baseline
                entry.dynamicEnergyJoules = split.dynamicEnergyJoules
            }
            out.append(entry)
        }
        // The GPUs' dynamic energy together may not exceed the node's (its CPU part may sit below
        // its baseline while a GPU is above): scale them down to it.
        let total = out.reduce(0) { $0 + ($1.dynamicEnergyJoules ?? 0) }
        let scale = total > max(0, nodeDynamicJoules) && total > 0 ? max(0, nodeDynamicJoules) / total : 1
        if scale < 1 {
            notes.append(String(format: "the GPUs' dynamic energy (%.3f J) above the node's (%.3f J): scaled down to it",
                                total, max(0, nodeDynamicJoules)))
        }
        for index in out.indices {
            guard let dynamic = out[index].dynamicEnergyJoules else { continue }
            out[index].dynamicEnergyJoules = dynamic * scale
            out[index].workloadDynamicEnergyJoules = dynamic * scale * out[index].smShare
        }
        return (out, notes)
    }
}
