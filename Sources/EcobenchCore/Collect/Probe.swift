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
