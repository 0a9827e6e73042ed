/// Where the sampler's ticks go; the store implements it, tests can collect in memory.
public protocol SampleSink: AnyObject, Sendable {
    func write(_ batch: SampleBatch) throws
}

/// Keeps nothing: for commands that only need the sampler's live values (calibrate).
public final class DiscardingSink: SampleSink, @unchecked Sendable {
    public init() {}
    public func write(_ batch: SampleBatch) throws {}
}

public struct SampleBatch: Sendable {
    public var sourceIDs: [Int64]
    /// Nanoseconds of the monotonic clock since the run's start, one per tick.
    public var timesNanoseconds: [Int64] = []
    /// Row-major: tick i's value for channel j is `values[i * sourceIDs.count + j]`; NaN is a gap.
    public var values: [Double] = []

    public init(sourceIDs: [Int64]) { self.sourceIDs = sourceIDs }

    public var tickCount: Int { timesNanoseconds.count }
    public var isEmpty: Bool { timesNanoseconds.isEmpty }

    public mutating func append(timeNanoseconds: Int64, values row: UnsafeBufferPointer<Double>) {
        timesNanoseconds.append(timeNanoseconds)
        values.append(contentsOf: row)
    }

    public mutating func removeAll() {
        timesNanoseconds.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}
