/// Where the sampler's ticks go; the store implements it, tests can collect in memory.
public protocol SampleSink: AnyObject, Sendable {
    func write(_ batch: SampleBatch) throws
}

extension RunStore: SampleSink {
    public func write(_ batch: SampleBatch) throws { try insert(batch) }
}

/// Keeps nothing: for commands that only need the sampler's live values (calibrate).
public final class DiscardingSink: SampleSink, @unchecked Sendable {
    public init() {}
    public func write(_ batch: SampleBatch) throws {}
}
