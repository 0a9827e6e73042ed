import EcobenchAttribute

/// The node's CPU utilisation over phase windows, the one definition the Blue Angel report (per
/// phase, in percent) and the sweep report (per level, over its load phases) use:
///
///     u = Σ busy CPU seconds ÷ Σ all CPU seconds
///
/// both measured from /proc/stat over the same windows: busy is the report's per-phase
/// `node_busy_cpu_s` (`node.cpu.busy_seconds`), all is `node.cpu.total_seconds` (busy + idle +
/// iowait + steal), so a VM's stolen time counts as not busy and no CPU count is assumed. Nil
/// when the run has no total channel or no CPU time passed.
package enum NodeCPUUtilisation {
    package static let totalChannel = "node.cpu.total_seconds"

    package static func fraction(busyCPUSeconds: Double, windows: [PhaseWindow], series: some CounterSeries) throws -> Double? {
        var total = 0.0
        for window in windows {
            guard let seconds = try series.delta(of: totalChannel, from: window.startNanoseconds, to: window.endNanoseconds) else {
                return nil
            }
            total += seconds
        }
        return total > 0 ? busyCPUSeconds / total : nil
    }
}
