/// Where the sampler's ticks go; the store implements it, tests can collect in memory.
public protocol SampleSink: AnyObject, Sendable {
    func write(_ batch: SampleBatch) throws
}

extension RunStore: SampleSink {
    public func write(_ batch: SampleBatch) throws { try insert(batch) }
}
