/// How much a cumulative counter of one agent grew over a window, and how much of the window
/// its samples cover, the way local attribution reads the run store: the counter's value at
/// each window edge is interpolated linearly between the samples around it (clamped to the
/// nearer sample outside them, so nothing is extrapolated), and the amount is the difference.
public enum AgentWindowIntegral {
    /// Two consecutive samples further apart than this (or more than 5 sampling intervals,
    /// whichever is larger) are a gap: the time between them is not covered.
    public static let minimumGapNanoseconds: Int64 = 1_000_000_000

    public struct Result: Sendable, Equatable {
        /// value(end) − value(start), nil when the channel has no sample at all.
        public var delta: Double?
        /// Fraction (0…1) of the window between consecutive samples closer than the gap limit.
        public var coverage: Double
    }

    /// `points` are (agent unix ns, value), oldest first; `start`/`end` in agent unix ns.
    public static func integrate(_ points: [(t: Int64, value: Double)], start: Int64, end: Int64) -> Result {
        guard !points.isEmpty else { return Result(delta: nil, coverage: 0) }
        guard end > start else { return Result(delta: 0, coverage: 1) }
        let delta = (value(points, at: end) ?? 0) - (value(points, at: start) ?? 0)
        let limit = gapLimit(points)
        var covered: Int64 = 0
        for i in 1..<max(1, points.count) where points[i].t - points[i - 1].t <= limit {
            let a = max(points[i - 1].t, start)
            let b = min(points[i].t, end)
            if b > a { covered += b - a }
        }
        return Result(delta: delta, coverage: min(1, Double(covered) / Double(end - start)))
    }

    /// The counter at `t`, interpolated between the samples around it (binary search).
    public static func value(_ points: [(t: Int64, value: Double)], at t: Int64) -> Double? {
        var low = 0
        var high = points.count
        while low < high {
            let mid = (low + high) / 2
            if points[mid].t <= t { low = mid + 1 } else { high = mid }
        }
        let before = low > 0 ? points[low - 1] : nil
        let after = low < points.count ? points[low] : nil
        return interpolate(before: before, after: after, at: t)
    }

    /// max(minimumGapNanoseconds, 5 × the median spacing of the samples).
    static func gapLimit(_ points: [(t: Int64, value: Double)]) -> Int64 {
        guard points.count > 2 else { return minimumGapNanoseconds }
        var steps = zip(points.dropFirst(), points).map { $0.t - $1.t }
        steps.sort()
        return max(minimumGapNanoseconds, 5 * steps[steps.count / 2])
    }
}
