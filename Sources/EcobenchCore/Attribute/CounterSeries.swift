/// Cumulative counters (energy J, CPU s, bytes) read at arbitrary times, by channel name.
public protocol CounterSeries {
    /// The counter's value at `t` (ns since run start), interpolated linearly between the
    /// samples around it; nil when the channel has no sample on either side.
    func value(of channel: String, at t: Int64) throws -> Double?
}

extension CounterSeries {
    /// How much the counter grew between two times; nil when either end is unknown.
    public func delta(of channel: String, from start: Int64, to end: Int64) throws -> Double? {
        guard let a = try value(of: channel, at: start), let b = try value(of: channel, at: end) else { return nil }
        return b - a
    }
}

/// Linear interpolation between two samples, clamped to the nearer one outside them.
public func interpolate(before: (t: Int64, value: Double)?, after: (t: Int64, value: Double)?, at t: Int64) -> Double? {
    switch (before, after) {
    case let (b?, a?):
        if a.t == b.t { return b.value }
        let fraction = Double(t - b.t) / Double(a.t - b.t)
        return b.value + (a.value - b.value) * fraction
    case let (b?, nil): return b.value
    case let (nil, a?): return a.value
    case (nil, nil): return nil
    }
}

/// Counters read from the store, two indexed look-ups per boundary (no run loaded in memory).
public struct StoredCounterSeries: CounterSeries {
    let store: RunStore
    let ids: [String: Int64]

    public init(store: RunStore, runID: Int64) throws {
        self.store = store
        var ids: [String: Int64] = [:]
        for source in try store.sources(runID: runID) { ids[source.descriptor.name] = source.id }
        self.ids = ids
    }

    public func value(of channel: String, at t: Int64) throws -> Double? {
        guard let id = ids[channel] else { return nil }
        let (before, after) = try store.bracketingSamples(sourceID: id, at: t)
        return interpolate(before: before, after: after, at: t)
    }
}
