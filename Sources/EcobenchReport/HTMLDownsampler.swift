/// Turns an energy counter's samples into at most `maxPoints` power values by averaging over
/// equal time buckets, without keeping the samples: feed it one interval at a time.
///
/// Each interval between two consecutive samples carries an energy (the counter's delta) over a
/// duration; it is spread over the buckets it overlaps in proportion to time (constant power
/// within an interval). A bucket's power is its energy over the time its intervals cover, so
/// the series conserves energy: Σ watts × covered seconds = Σ deltas. Buckets no interval
/// covers (gaps, before the first sample) have no value, and the chart breaks its line there.
public struct HTMLDownsampler: Sendable {
    public struct Point: Sendable, Equatable {
        /// Middle of the bucket, seconds since the run started.
        public var t: Double
        /// Mean power over the covered part of the bucket (W); nil where nothing was covered.
        public var watts: Double?
        /// Seconds of the bucket covered by intervals.
        public var coveredS: Double
    }

    public let startS: Double
    public let endS: Double
    public let bucketCount: Int
    private var energy: [Double]
    private var covered: [Double]

    /// Buckets of equal width over `[startS, endS]`: `maxPoints` of them, or fewer when the
    /// sampling interval is coarser than that (no bucket narrower than one interval).
    public init(startS: Double, endS: Double, maxPoints: Int = 600, samplingIntervalS: Double? = nil) {
        self.startS = startS
        self.endS = max(endS, startS + 1e-9)
        var count = max(1, maxPoints)
        if let interval = samplingIntervalS, interval > 0 {
            let intervals = ((self.endS - startS) / interval).rounded(.up)
            if intervals.isFinite { count = max(1, min(count, Int(intervals))) }
        }
        bucketCount = count
        energy = Array(repeating: 0, count: count)
        covered = Array(repeating: 0, count: count)
    }

    package var width: Double { (endS - startS) / Double(bucketCount) }

    /// One interval between two samples: `energyJ` used from `fromS` to `toS`. Parts outside
    /// `[startS, endS]` are dropped; empty or non-finite intervals are ignored.
    public mutating func add(fromS: Double, toS: Double, energyJ: Double) {
        guard fromS.isFinite, toS.isFinite, energyJ.isFinite, toS > fromS else { return }
        let low = max(fromS, startS)
        let high = min(toS, endS)
        guard high > low else { return }
        let power = energyJ / (toS - fromS)
        var index = min(bucketCount - 1, max(0, Int((low - startS) / width)))
        var t = low
        while t < high && index < bucketCount {
            let bucketEnd = index == bucketCount - 1 ? endS : startS + Double(index + 1) * width
            let segmentEnd = min(high, bucketEnd)
            if segmentEnd > t {
                energy[index] += power * (segmentEnd - t)
                covered[index] += segmentEnd - t
            }
            t = segmentEnd
            index += 1
        }
    }

    /// Adds the interval between two counter samples; a negative delta (a counter reset) is
    /// skipped rather than drawn as negative power.
    public mutating func addCounter(from previous: (t: Double, value: Double), to current: (t: Double, value: Double)) {
        let delta = current.value - previous.value
        guard delta >= 0 else { return }
        add(fromS: previous.t, toS: current.t, energyJ: delta)
    }

    /// One point per bucket, in time order.
    public var points: [Point] {
        (0..<bucketCount).map { i in
            let t = startS + (Double(i) + 0.5) * width
            // Less than 1 ns of coverage is rounding at a boundary, not a reading.
            return Point(t: t, watts: covered[i] > 1e-9 ? energy[i] / covered[i] : nil, coveredS: covered[i])
        }
    }

    /// Total energy fed in (J), for checks.
    public var totalEnergyJ: Double { energy.reduce(0, +) }
}
