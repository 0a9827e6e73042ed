/// The one CPU-time split of dynamic energy, used by every path (local runs through `Attributor`,
/// the cluster through `ClusterAttribution`, the agent's live pods through `PodEnergySplit`):
///
///     background = baseline background busy CPU rate × duration    (0 when no baseline is known)
///     denominator = max(Σ cpu_consumers, busy − background)
///     share_i = cpu_i / denominator                                 (Σ share_i ≤ 1)
///
/// The baseline's power already carries the CPU that was busy in the baseline (system services,
/// the sampler), so that CPU time is not a claimant on the energy above the baseline; counting it
/// would shrink every share (Reports/README.md, "Attribution"). The denominator is never below
/// the consumers' own CPU. Every clamp is written to `notes` (and named in `clamps`).
public struct CPUShareSplit: Sendable, Equatable {
    public enum Clamp: String, Sendable, Codable, CaseIterable {
        /// No busy CPU seconds for the node: nothing is shared by CPU time.
        case noBusyCPU = "no_busy_cpu"
        /// The consumers' CPU is above the node's busy CPU less background: the denominator is their CPU (share 1).
        case consumersAboveBusy = "consumers_above_busy"
    }

    /// Node busy CPU seconds in the window; nil when not measured.
    public var busyCPUSeconds: Double?
    /// Background CPU seconds the baseline already carries: its rate × the window's duration.
    public var backgroundCPUSeconds: Double
    /// Σ of the consumers' CPU seconds (negative values count as 0).
    public var consumersCPUSeconds: Double
    /// `max(consumersCPUSeconds, busyCPUSeconds − backgroundCPUSeconds)`; 0 without busy CPU.
    public var denominatorCPUSeconds: Double
    /// Each consumer's share of the dynamic energy, in the consumers' order.
    public var shares: [Double]
    public var clamps: [Clamp]
    public var notes: [String]

    /// The consumers' shares together, in [0, 1].
    public var totalShare: Double { shares.reduce(0, +) }

    /// - Parameters:
    ///   - consumerCPUSeconds: each consumer's CPU seconds in the window (one for a local workload, one per pod).
    ///   - busyCPUSeconds: the node's busy CPU seconds in the window.
    ///   - backgroundCPUPerSecond: busy CPU seconds per second of the baseline (its busy CPU less any
    ///     consumer CPU, over its duration); nil when there is no baseline (no correction).
    public init(consumerCPUSeconds: [Double], busyCPUSeconds: Double?, backgroundCPUPerSecond: Double?,
                durationSeconds: Double) {
        let cpu = consumerCPUSeconds.map { $0.isFinite ? max(0, $0) : 0 }
        let consumers = cpu.reduce(0, +)
        let background = max(0, (backgroundCPUPerSecond ?? 0) * max(0, durationSeconds))
        self.busyCPUSeconds = busyCPUSeconds
        backgroundCPUSeconds = background.isFinite ? background : 0
        consumersCPUSeconds = consumers
        clamps = []
        notes = []
        guard let busy = busyCPUSeconds, busy.isFinite else {
            denominatorCPUSeconds = 0
            shares = cpu.map { _ in 0 }
            clamps.append(.noBusyCPU)
            notes.append("no busy CPU seconds for the node: no dynamic energy shared by CPU time")
            return
        }
        let corrected = busy - backgroundCPUSeconds
        if consumers > 0 && consumers > corrected {
            clamps.append(.consumersAboveBusy)
            notes.append(String(format: "workload CPU (%.3f s) above the node's busy CPU less the baseline's "
                                + "background (%.3f s − %.3f s): share taken over the workload's own CPU (1)",
                                consumers, busy, backgroundCPUSeconds))
        }
        denominatorCPUSeconds = max(consumers, corrected, 0)
        let denominator = denominatorCPUSeconds
        shares = cpu.map { denominator > 0 ? $0 / denominator : 0 }
    }

    /// The background rate of a baseline window: `max(0, busy − consumers) / duration`; nil
    /// without busy CPU or duration.
    public static func backgroundRate(busyCPUSeconds: Double?, consumersCPUSeconds: Double,
                                      durationSeconds: Double) -> Double? {
        guard let busy = busyCPUSeconds, busy.isFinite, durationSeconds > 0 else { return nil }
        return max(0, busy - max(0, consumersCPUSeconds)) / durationSeconds
    }
}
