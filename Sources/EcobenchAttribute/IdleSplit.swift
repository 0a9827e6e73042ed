/// The one idle/dynamic split of a window's energy (GMT's method), used by every path:
///
///     idle = min(energy, max(0, baseline power × duration)),  dynamic = energy − idle
///
/// Clamped (noted) when the window used less than its baseline power predicts. Without a
/// baseline power the idle energy is 0 and all of the energy is dynamic; callers say so once.
public struct IdleSplit: Sendable, Equatable {
    public var energyJoules: Double
    public var idleEnergyJoules: Double
    public var dynamicEnergyJoules: Double
    public var notes: [String]

    public init(energyJoules: Double, baselinePowerWatts: Double?, durationSeconds: Double) {
        let energy = energyJoules.isFinite ? max(0, energyJoules) : 0
        self.energyJoules = energy
        notes = []
        if energyJoules < 0 {
            notes.append(String(format: "negative energy (%.3f J) counted as 0", energyJoules))
        }
        guard let power = baselinePowerWatts, power.isFinite else {
            idleEnergyJoules = 0
            dynamicEnergyJoules = energy
            return
        }
        let predicted = max(0, power * max(0, durationSeconds))
        // A baseline phase against its own power is equal up to rounding: no note for that.
        if predicted > energy * (1 + 1e-9) + 1e-9 {
            notes.append(String(format: "baseline power × duration (%.3f J) above the energy (%.3f J): idle energy "
                                + "clamped to it, no dynamic energy", predicted, energy))
        }
        idleEnergyJoules = min(energy, predicted)
        dynamicEnergyJoules = energy - idleEnergyJoules
    }
}

extension IdlePolicy {
    /// Each consumer's part of a window's idle energy (the one idle-policy rule of every path):
    /// `none` 0; `proportional` idle × its CPU share; `reserved` idle × `reservedShare` shared
    /// between the consumers by CPU seconds (equally when none used any), or by `reservedWeights`
    /// when given (a VM's vCPUs: what it reserved, not what it used), so the workload as a whole
    /// carries the reserved share of the idle energy. `referenceWindow` (the baseline itself, the
    /// workload absent) gives nothing to anyone.
    public func idleShares(idleJoules: Double, split: CPUShareSplit, consumerCPUSeconds: [Double],
                           reservedShare: Double, referenceWindow: Bool = false,
                           reservedWeights: [Double]? = nil) -> [Double] {
        let zero = consumerCPUSeconds.map { _ in 0.0 }
        guard !referenceWindow, idleJoules > 0 else { return zero }
        switch self {
        case .none:
            return zero
        case .proportional:
            return split.shares.map { idleJoules * $0 }
        case .reserved:
            let cpu = consumerCPUSeconds.map { $0.isFinite ? max(0, $0) : 0 }
            let total = cpu.reduce(0, +)
            let reserved = idleJoules * min(1, max(0, reservedShare))
            if let weights = reservedWeights?.map({ $0.isFinite ? max(0, $0) : 0 }), weights.count == cpu.count {
                let sum = weights.reduce(0, +)
                if sum > 0 { return weights.map { reserved * $0 / sum } }
            }
            if total > 0 { return cpu.map { reserved * $0 / total } }
            return cpu.isEmpty ? [] : cpu.map { _ in reserved / Double(cpu.count) }
        }
    }
}
