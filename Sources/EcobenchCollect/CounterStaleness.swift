import Foundation

/// How stale a stepped counter's reading can be (RAPL updates its energy counters about once a
/// millisecond; a reading taken between two updates shows the earlier one). The sampler waits
/// for the counters' next update at every phase boundary and about once a second: each wait
/// w = U − (time since the last update) is at most the update period U, so the longest of the
/// recent waits (their 90th percentile) bounds how long a tick's reading can lag its time stamp. An agent sends the bound
/// with its samples (`/samples`, `staleness_bound_s`); the window integral of a window whose
/// edges fall between readings adds P × bound per edge (Reports/README.md, "Window integral").
/// Thread-safe: the sampler thread measures, any thread reads.
public final class CounterStaleness: @unchecked Sendable {
    /// Waits kept per probe: the bound is their 90th percentile.
    package static let recentWaits = 32
    /// How often a tick outside the boundaries measures the wait.
    package static let timingIntervalNanoseconds: Int64 = 1_000_000_000
    /// How long one wait may last: RAPL updates about every 1 ms; 25 ms leaves room for a slower
    /// writer (a test's 5 ms fixture writer under load). A counter that does not move in time
    /// (0 W, a static fixture) is read as it is, and its wait is not kept.
    package static let timeoutNanoseconds: Int64 = 25_000_000

    private let lock = NSLock()
    /// Probe index → its channels' names and its recent waits (ns).
    private var waits: [Int: (names: [String], recent: [Int64])] = [:]
    private var lastTimingNanoseconds: Int64?
    /// A probe whose timing wait timed out is not timed again before this (sampler thread only).
    private var quietUntilNanoseconds: [Int: Int64] = [:]
    /// How long a counter that did not move at a timing tick is left alone (boundaries still wait).
    package static let quietNanoseconds: Int64 = 30_000_000_000

    public init() {}

    /// Sampler thread, before a tick's time stamp: waits for every stepped probe's next update
    /// when the tick is a boundary, or when a timing interval has passed since the last wait.
    package func waitForUpdates(of probes: [any Probe], boundary: Bool, now: Int64) {
        if !boundary, let last = lastTimingNanoseconds, now - last < Self.timingIntervalNanoseconds { return }
        lastTimingNanoseconds = now
        for (index, probe) in probes.enumerated() {
            guard let stepped = probe as? any CounterUpdateSynchronisingProbe else { continue }
            if !boundary, let quiet = quietUntilNanoseconds[index], now < quiet { continue }
            let start = MonotonicClock.nowNanoseconds()
            guard stepped.waitForCounterUpdate(timeoutNanoseconds: Self.timeoutNanoseconds) else {
                if !boundary { quietUntilNanoseconds[index] = now + Self.quietNanoseconds }
                continue
            }
            quietUntilNanoseconds[index] = nil
            record(MonotonicClock.nowNanoseconds() - start, probe: index, names: probe.channels.map(\.name))
        }
    }

    package func record(_ waitNanoseconds: Int64, probe index: Int, names: [String]) {
        lock.withLock {
            var entry = waits[index] ?? (names, [])
            entry.recent.append(waitNanoseconds)
            if entry.recent.count > Self.recentWaits { entry.recent.removeFirst(entry.recent.count - Self.recentWaits) }
            waits[index] = entry
        }
    }

    /// The 90th percentile by nearest rank (the ⌈0.9 n⌉-th smallest): the longest wait while few
    /// are known, and past one writer's rare stall (a preempted thread) once there are many.
    package static func percentile90(_ waits: [Int64]) -> Int64? {
        guard !waits.isEmpty else { return nil }
        let rank = Int((0.9 * Double(waits.count)).rounded(.up))
        return waits.sorted()[max(0, rank - 1)]
    }

    /// Seconds, per channel of a stepped probe that has been timed at least once.
    public func boundsSeconds() -> [String: Double] {
        lock.withLock {
            var out: [String: Double] = [:]
            for entry in waits.values {
                guard let bound = Self.percentile90(entry.recent) else { continue }
                for name in entry.names { out[name] = Double(bound) / 1e9 }
            }
            return out
        }
    }
}
