/// CPU utilisation averaged over a trailing window of fixed length, from cumulative
/// `/proc/stat` times: `ū = Δbusy / Δ(busy + idle + iowait)` over [t − W, t], the value at
/// t − W interpolated linearly between the two readings around it (over everything read so far
/// while less than W has passed; over the last tick interval when ticks are longer than W).
///
/// The CPU power estimate applies its curve to this average, so the estimate does not depend on
/// how often the sampler reads (`--interval`) as long as the interval is at most W.
package struct TrailingUtilisation {
    package let windowSeconds: Double
    private var samples: [(seconds: Double, busy: Double, capacity: Double)] = []

    package init(windowSeconds: Double) {
        self.windowSeconds = windowSeconds
    }

    /// Adds a reading taken at `seconds` (monotonic); keeps one reading at or before t − W.
    package mutating func add(seconds: Double, times: CPUTimes) {
        let busy = Double(times.busyTicks)
        samples.append((seconds, busy, busy + Double(times.idle + times.iowait)))
        while samples.count > 2, samples[1].seconds <= seconds - windowSeconds { samples.removeFirst() }
    }

    /// ū over the trailing window ending at the last reading, in [0, 1]; 0 without two readings.
    package var utilisation: Double {
        guard let last = samples.last, samples.count >= 2 else { return 0 }
        let start = last.seconds - windowSeconds
        var busy = samples[0].busy
        var capacity = samples[0].capacity
        if samples[0].seconds < start {
            let first = samples[0], next = samples[1]
            let span = next.seconds - first.seconds
            let share = span > 0 ? min(1, (start - first.seconds) / span) : 1
            busy = first.busy + share * (next.busy - first.busy)
            capacity = first.capacity + share * (next.capacity - first.capacity)
        }
        let denominator = last.capacity - capacity
        guard denominator > 0 else { return 0 }
        return min(1, max(0, (last.busy - busy) / denominator))
    }
}
