import EcobenchStore

/// Cumulative counters (energy J, CPU s, bytes) read at arbitrary times, by channel name.
public protocol CounterSeries {
    /// The counter's value at `t` (ns since run start), between the samples around it by the
    /// edge rule of `WindowIntegrator`; nil when the channel has no sample on either side.
    func value(of channel: String, at t: Int64) throws -> Double?
}

extension CounterSeries {
    /// How much the counter grew between two times; nil when either end is unknown.
    public func delta(of channel: String, from start: Int64, to end: Int64) throws -> Double? {
        guard let a = try value(of: channel, at: start), let b = try value(of: channel, at: end) else { return nil }
        return b - a
    }
}

/// A counter between two samples, clamped to the nearer one outside them: the edge rule of
/// `WindowIntegrator.value` with no neighbours, i.e. linear interpolation.
public func interpolate(before: (t: Int64, value: Double)?, after: (t: Int64, value: Double)?, at t: Int64) -> Double? {
    WindowIntegrator.value([before, after].compactMap { $0 }.map { (t: Double($0.t - t), value: $0.value) }, at: 0)
}

/// Counters read from the store, two indexed look-ups per boundary (no run loaded in memory).
public struct StoredCounterSeries: CounterSeries {
    package let store: RunStore
    package let runID: Int64
    package let ids: [String: Int64]

    public init(store: RunStore, runID: Int64) throws {
        self.store = store
        self.runID = runID
        var ids: [String: Int64] = [:]
        for source in try store.sources(runID: runID) { ids[source.descriptor.name] = source.id }
        self.ids = ids
    }

    /// The edge rule of `WindowIntegrator.value`: a sample at `t` itself (phase boundaries are
    /// ticks) is returned as is; else two samples on each side are looked up (indexed).
    public func value(of channel: String, at t: Int64) throws -> Double? {
        guard let id = ids[channel] else { return nil }
        let (before, after) = try store.bracketingSamples(sourceID: id, at: t)
        if let before, before.t == t { return before.value }
        guard let b = before, let a = after else { return before?.value ?? after?.value }
        let earlier = try store.bracketingSamples(sourceID: id, at: b.t - 1).before
        let later = try store.bracketingSamples(sourceID: id, at: a.t + 1).after
        let points = [earlier, b, a, later].compactMap { $0 }.map { (t: Double($0.t - t), value: $0.value) }
        return WindowIntegrator.value(points, at: 0)
    }
}

extension StoredCounterSeries {
    /// How much a channel grew over [start, end] with its coverage and the uncertainty from edge
    /// interpolation and gaps (`WindowIntegrator`, times in ns since the run's start, so the
    /// bounds are in the channel's unit). Reads the samples from a minute before the last
    /// sample at or before `start` to a minute after the first at or after `end` (neighbours
    /// for the edge bounds); nil for an unknown channel. `mode: .gauge` integrates a level
    /// (bytes × ns for memory) instead: ÷ the window's length gives its time-weighted mean.
    public func window(of channel: String, from start: Int64, to end: Int64,
                       mode: WindowIntegrator.Mode = .counter) throws -> WindowIntegrator.Amount? {
        guard let id = ids[channel] else { return nil }
        let minute: Int64 = 60_000_000_000
        let first = try store.bracketingSamples(sourceID: id, at: start).before?.t ?? start
        let last = try store.bracketingSamples(sourceID: id, at: end).after?.t ?? end
        var points: [(t: Double, value: Double)] = []
        // What the channel lost: readings stored as NaN, and the gaps the sampler recorded (failed polls).
        // A gap still open at the run's end runs to the window's end; a stored end before its start never traps.
        var lost: [ClosedRange<Double>] = try store.gaps(runID: runID).filter { $0.source == channel }.map {
            let from = Double($0.startNanoseconds - start), to = Double(($0.endNanoseconds ?? end) - start)
            return min(from, to)...max(from, to)
        }
        try store.forEachSample(sourceID: id, from: first &- minute, to: last &+ minute) { t, value in
            if value.isNaN { lost.append(Double(t - start)...Double(t - start)) } else { points.append((Double(t - start), value)) }
        }
        return WindowIntegrator.integrate(points, from: 0, to: Double(end - start), mode: mode, lost: lost)
    }
}
