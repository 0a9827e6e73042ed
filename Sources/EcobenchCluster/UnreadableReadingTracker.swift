/// The one rule for readings a node energy channel could not take (a probe's NaN: a RAPL counter
/// reset, a zone that vanished), read in time order: a reading without a value that follows one
/// with a value is unreadable; when the next reading with a value comes, the unreadable readings
/// since the last valued one are closed, and the time between those two valued readings is not
/// covered (the agent's cumulative counter stays flat across it: counted 0 J). Readings without
/// a value before the first valued one are not counted (nothing was being counted yet), nor those
/// not yet followed by a valued one (still open).
///
/// Used by `AgentUnreadableReadings.find` (the agent path, over `/samples` rows, per window) and
/// by `AgentUnreadableCounters` (the agent's `/metrics` counters, read by the Prometheus path).
public struct UnreadableReadingTracker: Sendable, Equatable {
    /// A run of unreadable readings, closed by the valued reading after it.
    public struct Closed: Sendable, Equatable {
        /// Unreadable readings counted in the run.
        public var count: Int
        /// Time (ns) of the last valued reading before the run.
        public var fromNanoseconds: Int64
        /// Time (ns) of the valued reading that closed it.
        public var toNanoseconds: Int64

        public init(count: Int, fromNanoseconds: Int64, toNanoseconds: Int64) {
            self.count = count
            self.fromNanoseconds = fromNanoseconds
            self.toNanoseconds = toNanoseconds
        }

        /// The time not covered, in nanoseconds.
        public var uncoveredNanoseconds: Int64 { toNanoseconds - fromNanoseconds }
    }

    private var lastValuedNanoseconds: Int64?
    private var pending = 0

    public init() {}

    /// One reading at `timeNanoseconds`; `counted` false leaves an unreadable one out of the count
    /// (a window counts only those inside it). Returns the run this valued reading closes, if any.
    public mutating func observe(timeNanoseconds: Int64, readable: Bool, counted: Bool = true) -> Closed? {
        guard readable else {
            if counted, lastValuedNanoseconds != nil { pending += 1 }
            return nil
        }
        defer {
            pending = 0
            lastValuedNanoseconds = timeNanoseconds
        }
        guard pending > 0, let from = lastValuedNanoseconds else { return nil }
        return Closed(count: pending, fromNanoseconds: from, toNanoseconds: timeNanoseconds)
    }
}
