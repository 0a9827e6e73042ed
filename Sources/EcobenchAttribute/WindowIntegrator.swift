import Foundation

/// The one window integral of ecobench: how much a series grew over a window [start, end]
/// (a cumulative counter's increase, or a power gauge's time integral), how much of the window
/// its samples cover, and the uncertainty that the edges and the gaps add. Local runs
/// (`StoredCounterSeries`), agents (`AgentWindowIntegral`) and Prometheus
/// (`SeriesWindowAmount`) all call it; Reports/README.md, "Window integral", states the rules.
///
/// - Edges: a counter's growth over the pair of samples around an edge is split at the edge
///   with the power of the pair before on the edge's left and of the pair after on its right,
///   scaled to keep the pair's growth (`shareBefore`): a step where the edge is (a workload
///   starting at its phase's start) falls where it happened, and a steady power is linear
///   interpolation. Gauges are integrated as the line between samples. Nothing is extrapolated
///   before the first or after the last sample (that time is not covered).
/// - Counter resets: a pair whose value drops moved by its second value (restart from 0).
/// - Gaps: a pair further apart than the gap limit is a gap. Its amount is still counted,
///   interpolated between the readings on either side (a counter kept counting; a power is
///   taken as linear between them), its time is not covered, and its share is carried to
///   the uncertainty (`gapBound`): the largest power deviation the window shows × the gap's
///   time. A counter's gap that is only a late reading (no reset, no lost reading in it, where
///   the caller tells them: `lost`) is exact and carries no bound.
/// - Edge bias bound: an edge strictly inside a pair of span s, where the power of that pair
///   and its neighbours spans ΔP, can be off by up to ΔP × s (a step anywhere in the pair:
///   ΔP × s/2; a polled reading seen up to one poll p ≤ s late: ΔP × p/2). For a BMC reading
///   refreshed every R and polled every p, s = max(R, p), so this bounds ΔP × (R + p)/2.
///   An edge on a reading (a local phase boundary's own tick): a counter read a little after
///   its time stamp (the read's duration, a counter updated every U) puts P × lag on the wrong
///   side; lags that differ between readings scatter the powers of neighbouring pairs by
///   P × Δlag / s, so ΔP × s bounds it, ΔP the spread of up to three pairs on one side of the
///   reading and s their shortest span, the smaller side where both have two pairs: the reading's
///   own lag moves P × lag from the pair after it into the pair before it, so it shows on both
///   sides alike, while a real step of the load near the reading, or another reading's lag, shows
///   on one side only (a common lag cancels in a window; a step at the reading itself is not a
///   scatter). Where the series states how stale a reading can
///   be (`readingLag`, a stepped counter's update period learned by the sampler), each edge's
///   bound is at least the power of its pair × that lag.
/// Times are in any one unit (seconds, or ns relative to the window); amounts per that unit.
public enum WindowIntegrator {
    public enum Mode: Sendable {
        /// A cumulative counter: each pair moved by b − a (by b after a reset).
        case counter
        /// A power gauge: each pair contributes the integral of the line between its values.
        case gauge
    }

    public struct Amount: Sendable, Equatable {
        /// The increase (counter) or integral (gauge); nil when the series has no sample.
        public var amount: Double?
        /// Window time inside pairs that are not gaps.
        public var coveredTime: Double
        /// Window time inside gap pairs (interpolated), and outside the samples (not counted).
        public var gapTime: Double
        public var windowLength: Double
        public var resets: Int
        public var gaps: Int
        public var medianSpacing: Double?
        /// Rectangular half-widths (same unit as `amount`) of the edge interpolation biases.
        public var edgeBounds: [Double]
        /// Rectangular half-width of what the gaps and the uncovered ends may hide.
        public var gapBound: Double

        /// Fraction (0…1) of the window covered by non-gap pairs.
        public var coverage: Double { windowLength > 0 ? min(1, coveredTime / windowLength) : 1 }
        /// Combined standard uncertainty: the bounds as rectangular (a/√3), in quadrature.
        public var standardUncertainty: Double {
            let terms = edgeBounds + [gapBound]
            return sqrt(terms.reduce(0) { $0 + ($1 / 3.0.squareRoot()) * ($1 / 3.0.squareRoot()) })
        }
    }

    /// Integrates `points` (time, value), in any order, over [start, end]. `gapLimit` is given
    /// the median spacing and returns the longest spacing that is not a gap (by default
    /// `defaultGapFactor` × the median).
    /// `readingLag`: how stale a reading can be (a stepped counter's update period, learned by
    /// the sampler: `CounterStaleness`); each edge's bound is at least its pair's power × that lag.
    /// `lost`: where the caller knows what the series lost (a reading stored as NaN: [t, t]; a
    /// failed poll or reading recorded as a gap: its span). A counter keeps counting across a late
    /// reading, so a counter's gap pair then carries a bound only where it is a reset or overlaps
    /// something lost (energy the probe may not have counted); nil (unknown) bounds every gap.
    public static func integrate(_ points: [(t: Double, value: Double)], from start: Double, to end: Double,
                                 mode: Mode = .counter, readingLag: Double = 0, lost: [ClosedRange<Double>]? = nil,
                                 gapLimit: (Double) -> Double = { defaultGapFactor * $0 }) -> Amount {
        let sorted = points.filter { $0.value.isFinite && $0.t.isFinite }.sorted { $0.t < $1.t }
        let spacings = zip(sorted, sorted.dropFirst()).map { $1.t - $0.t }.filter { $0 > 0 }.sorted()
        let median = spacings.isEmpty ? nil : spacings[spacings.count / 2]
        let limit = median.map(gapLimit) ?? .infinity
        let length = max(0, end - start)
        var result = Amount(amount: sorted.isEmpty ? nil : 0, coveredTime: 0, gapTime: 0, windowLength: length,
                            resets: 0, gaps: 0, medianSpacing: median, edgeBounds: [], gapBound: 0)
        guard !sorted.isEmpty, end > start else { return result }
        let pairs = zip(sorted, sorted.dropFirst()).filter { $1.t > $0.t }.map { Pair(a: $0, b: $1, mode: mode) }
        var gapPairs: [(index: Int, overlap: Double)] = []
        for (index, pair) in pairs.enumerated() {
            let from = max(pair.a.t, start), to = min(pair.b.t, end)
            guard to > from else { continue }
            let gap = pair.span > limit
            if pair.isReset { result.resets += 1 }
            if gap {
                result.gaps += 1
                result.gapTime += to - from
                gapPairs.append((index, to - from))
            } else {
                result.coveredTime += to - from
            }
            let part: Double
            switch mode {
            case .counter: part = pair.total * (shareBefore(to, pair: index, pairs) - shareBefore(from, pair: index, pairs))
            case .gauge: part = pair.gaugeIntegral(from: from, to: to)
            }
            result.amount = (result.amount ?? 0) + part
        }
        // Edge interpolation biases.
        for edge in [start, end] {
            var bound: Double?
            var touching: [Int] = []
            if let k = pairs.firstIndex(where: { $0.a.t < edge && edge < $0.b.t }) {
                bound = powerSpread(pairs, Array(max(0, k - 1)...min(pairs.count - 1, k + 1))) * pairs[k].span
                touching = [k]
            } else {
                bound = lagScatterBound(pairs, onReadingAt: edge)
                touching = pairs.indices.filter { pairs[$0].a.t == edge || pairs[$0].b.t == edge }
            }
            // A reading up to `readingLag` stale puts up to P × lag on the wrong side of the edge.
            if readingLag > 0, let power = touching.map({ abs(pairs[$0].power) }).max(), power.isFinite {
                bound = max(bound ?? 0, power * readingLag)
            }
            if let bound { result.edgeBounds.append(bound) }
        }
        // Gaps: the power inside stays within the range the window's pairs show, each pair
        // shorter than half the median spacing merged with its neighbours (a boundary read just
        // after a stepped counter's update leaves a short pair whose power is the step's, not the load's).
        let inside = pairs.indices.filter { pairs[$0].b.t > start && pairs[$0].a.t < end }
        for gap in gapPairs {
            if mode == .counter, let lost, !pairs[gap.index].isReset,
               !lost.contains(where: { $0.upperBound > pairs[gap.index].a.t && $0.lowerBound < pairs[gap.index].b.t }) {
                continue  // a late reading: the counter's growth over the pair is exact
            }
            let around = Array(Set(inside + [gap.index - 1, gap.index + 1].filter(pairs.indices.contains)))
            let powers = meanPowers(pairs, around, minimumSpan: (median ?? 0) / 2)
            let p = pairs[gap.index].power
            let deviation = max((powers.max() ?? p) - p, p - (powers.min() ?? p), 0)
            result.gapBound += deviation * gap.overlap
        }
        // Time outside the samples is not counted: it may hide the nearest pair's power.
        let before = max(0, min(end, sorted[0].t) - start)
        let after = max(0, end - max(start, sorted[sorted.count - 1].t))
        if before > 0 || after > 0 {
            result.gapTime += before + after
            if !pairs.isEmpty {
                result.gapBound += before * abs(pairs[0].power) + after * abs(pairs[pairs.count - 1].power)
            }
        }
        return result
    }

    /// A cumulative counter's value at `t`: the edge rule of `integrate` (`shareBefore`),
    /// clamped to the first or last sample outside them; nil without samples.
    public static func value(_ points: [(t: Double, value: Double)], at t: Double) -> Double? {
        let sorted = points.filter { $0.value.isFinite && $0.t.isFinite }.sorted { $0.t < $1.t }
        guard let first = sorted.first, let last = sorted.last else { return nil }
        if t <= first.t { return first.value }
        if t >= last.t { return last.value }
        let pairs = zip(sorted, sorted.dropFirst()).filter { $1.t > $0.t }.map { Pair(a: $0, b: $1, mode: .counter) }
        guard let k = pairs.firstIndex(where: { $0.a.t <= t && t < $0.b.t }) else { return last.value }
        let pair = pairs[k]
        return pair.a.value + (pair.b.value - pair.a.value) * shareBefore(t, pair: k, pairs)
    }

    /// The share (0…1) of pair k's growth before `t`: the power of the pair before it holds
    /// left of `t`, that of the pair after it right of `t`, scaled to the pair's own growth:
    /// share = P₋·x / (P₋·x + P₊·(s − x)), x = t − start of the pair, s its span. Linear
    /// (x / s) where a neighbour is missing, the two are equal or a power is not positive.
    package static func shareBefore(_ t: Double, pair k: Int, _ pairs: [Pair]) -> Double {
        let pair = pairs[k]
        if t <= pair.a.t { return 0 }
        if t >= pair.b.t { return 1 }
        let x = (t - pair.a.t) / pair.span
        guard k > 0, k + 1 < pairs.count else { return x }
        let left = pairs[k - 1].power, right = pairs[k + 1].power
        guard left != right, left > 0, right > 0, left.isFinite, right.isFinite else { return x }
        let before = left * x, after = right * (1 - x)
        return before / (before + after)
    }

    /// A pair further apart than this many median spacings is a gap (local stored series).
    public static let defaultGapFactor = 1.5

    /// The bound of an edge on a reading: (max − min) of the mean powers of up to three pairs
    /// on one side of the reading × their shortest span (a short pair's power scatters more for
    /// the same lag), the smaller of the two sides (the reading's own lag shows on both; a load
    /// step near it on one); nil where neither side has two pairs. Where only one side has (the
    /// series' first or last reading: a run's first and last edge), only the two pairs next to the
    /// reading count: a lag moves energy into or out of the pair at the reading alone, so it shows
    /// between that pair and the next, while a step two pairs away does not.
    package static func lagScatterBound(_ pairs: [Pair], onReadingAt edge: Double) -> Double? {
        var sides: [[Int]] = []
        // Each side ordered from the pair at the reading outwards.
        if let k = pairs.lastIndex(where: { $0.b.t == edge }) { sides.append(Array((max(0, k - 2)...k).reversed())) }
        if let k = pairs.firstIndex(where: { $0.a.t == edge }) { sides.append(Array(k...min(pairs.count - 1, k + 2))) }
        let usable = sides.filter { $0.count >= 2 }
        func bound(_ side: [Int]) -> Double { powerSpread(pairs, side) * (side.map { pairs[$0].span }.min() ?? 0) }
        guard usable.count == 2 else { return usable.first.map { bound(Array($0.prefix(2))) } }
        return usable.map(bound).min()
    }

    /// The mean powers of the pairs at `indices`, a run of consecutive pairs shorter than
    /// `minimumSpan` taken together (with the next ones, or at a run's end with the chunk before).
    package static func meanPowers(_ pairs: [Pair], _ indices: [Int], minimumSpan: Double) -> [Double] {
        typealias Chunk = (total: Double, span: Double, first: Int, last: Int)
        var chunks: [Chunk] = []
        var open: Chunk?
        func close(_ chunk: Chunk) {
            if chunk.span < minimumSpan, let previous = chunks.last, previous.last + 1 == chunk.first {
                chunks[chunks.count - 1] = (previous.total + chunk.total, previous.span + chunk.span, previous.first,
                                            chunk.last)
            } else {
                chunks.append(chunk)
            }
        }
        for i in indices.sorted() {
            if let chunk = open, chunk.last + 1 != i {
                close(chunk)
                open = nil
            }
            let grown: Chunk = ((open?.total ?? 0) + pairs[i].total, (open?.span ?? 0) + pairs[i].span,
                                open?.first ?? i, i)
            if grown.span >= minimumSpan {
                chunks.append(grown)
                open = nil
            } else {
                open = grown
            }
        }
        if let chunk = open { close(chunk) }
        return chunks.filter { $0.span > 0 }.map { $0.total / $0.span }
    }

    /// max − min of the pairs' mean powers.
    package static func powerSpread(_ pairs: [Pair], _ indices: [Int]) -> Double {
        let powers = indices.map { pairs[$0].power }
        return (powers.max() ?? 0) - (powers.min() ?? 0)
    }

    package struct Pair {
        package var a: (t: Double, value: Double)
        package var b: (t: Double, value: Double)
        package var mode: Mode
        package var span: Double { b.t - a.t }
        package var isReset: Bool { mode == .counter && b.value < a.value }
        /// What the whole pair contributes (counter: b − a, or b after a reset).
        package var total: Double {
            switch mode {
            case .counter: return isReset ? b.value : b.value - a.value
            case .gauge: return (a.value + b.value) / 2 * span
            }
        }
        /// Mean power (amount per time unit) over the pair.
        package var power: Double { total / span }

        /// The integral of the line between the pair's values over [from, to] (gauges).
        package func gaugeIntegral(from: Double, to: Double) -> Double {
            func at(_ t: Double) -> Double { a.value + (b.value - a.value) * (t - a.t) / span }
            return (at(from) + at(to)) / 2 * (to - from)
        }
    }
}

extension WindowIntegrator.Mode: Equatable {}
