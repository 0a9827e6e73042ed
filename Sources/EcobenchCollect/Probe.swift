/// Something the sampler reads once per tick: one or more channels of numbers.
///
/// A probe is created and read on the sampler's thread only (it may keep open file
/// descriptors and reusable buffers), hence `@unchecked Sendable` in implementations is
/// justified by that confinement.
public protocol Probe: AnyObject, Sendable {
    /// The channels this probe fills, in the order `read(into:)` writes them.
    var channels: [SourceDescriptor] { get }
    /// Reads the current value of every channel into `values` (count == channels.count).
    /// Counters are cumulative since the probe was created, in the channel's unit; a counter
    /// that cannot be read this tick is written as `.nan` (a gap), never as a guess.
    func read(into values: UnsafeMutableBufferPointer<Double>) throws
}

/// A probe that wants to know when the next tick is a phase boundary (`Sampler.tickNow()`),
/// to read in full then what it otherwise reads less often.
public protocol BoundaryAwareProbe: Probe {
    func prepareForBoundaryTick()
}

/// A probe whose counters advance in steps (RAPL updates its energy counters about once a
/// millisecond): before a phase boundary's tick the sampler waits until they move, so the
/// boundary's reading is taken just after an update rather than up to one update period stale
/// (a stale boundary reading puts P × staleness of energy into the wrong phase).
public protocol CounterUpdateSynchronisingProbe: Probe {
    /// Returns once every readable counter has moved since the call (true), or after
    /// `timeoutNanoseconds` (false: a counter that did not move, e.g. a static fixture or 0 W).
    func waitForCounterUpdate(timeoutNanoseconds: Int64) -> Bool
}
