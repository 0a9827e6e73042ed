/// An agent's clock against the controller's over a run: the offset measured at the start and
/// again later (after a repetition, at the end). Between the two the offset is taken as linear in
/// time (a constant drift): offset(t) = o₀ + (o₁ − o₀) × (t − t₀) ÷ (t₁ − t₀). With one
/// measurement only, or two at the same instant, the start offset holds throughout.
/// Each offset is known to half its round trip; a linear interpolation between two values is
/// never further off than the larger of those, the `residualNanoseconds` carried to the
/// uncertainty of every window edge.
public struct ClockDrift: Sendable, Equatable {
    public var start: ClockAlignment
    public var latest: ClockAlignment?

    public init(start: ClockAlignment, latest: ClockAlignment? = nil) {
        self.start = start
        self.latest = latest
    }

    /// The two measurements with their times, when a drift can be computed from them.
    private var span: (t0: Int64, o0: Int64, t1: Int64, o1: Int64)? {
        guard let latest, let t0 = start.measuredAtUnixNanoseconds, let t1 = latest.measuredAtUnixNanoseconds,
              t1 > t0 else { return nil }
        return (t0, start.offsetNanoseconds, t1, latest.offsetNanoseconds)
    }

    /// Agent clock − controller clock at controller time `t` (ns).
    public func offsetNanoseconds(atControllerUnixNanoseconds t: Int64) -> Int64 {
        guard let span else { return start.offsetNanoseconds }
        let fraction = Double(t - span.t0) / Double(span.t1 - span.t0)
        return span.o0 + Int64((Double(span.o1 - span.o0) * fraction).rounded())
    }

    /// The drift: seconds the agent's clock gains per second, × 10⁶ (ppm); 0 without a span.
    public var driftPartsPerMillion: Double {
        guard let span else { return 0 }
        return Double(span.o1 - span.o0) / Double(span.t1 - span.t0) * 1e6
    }

    /// The larger half round trip of the measurements used (ns).
    public var residualNanoseconds: Int64 {
        max(start.roundTripNanoseconds, latest?.roundTripNanoseconds ?? 0) / 2
    }

    /// The controller's window as the agent's clock reads it, each edge by its own offset.
    public func agentWindow(_ window: ClusterWindow) -> (start: Int64, end: Int64) {
        (window.startUnixNanoseconds + offsetNanoseconds(atControllerUnixNanoseconds: window.startUnixNanoseconds),
         window.endUnixNanoseconds + offsetNanoseconds(atControllerUnixNanoseconds: window.endUnixNanoseconds))
    }
}
