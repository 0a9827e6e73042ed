/// The sampler's record of why tick channels had no reading: one entry per channel and
/// stretch of NaN ticks with one cause (a new cause mid-stretch starts a new entry).
package struct ChannelCauseLog {
    package struct Entry {
        package var column: Int
        package var startNanoseconds: Int64
        package var endNanoseconds: Int64?
        package var reason: String
    }

    /// At most this many entries are kept (a channel flapping at kHz would grow without bound);
    /// the sampler notes once that later ones were not stored.
    package static let limit = 10_000

    package private(set) var gaps: [Entry] = []
    /// Column → index in `gaps` of its open entry.
    private var open: [Int: Int] = [:]
    private var dropped = false
    private var warned = false
    /// Indices in `gaps` of open entries `takeChanges()` has already returned.
    private var announced: Set<Int> = []

    package func isOpen(_ column: Int) -> Bool { open[column] != nil }

    package func openReason(_ column: Int) -> String? { open[column].map { gaps[$0].reason } }

    /// Closes the column's open entry at `t`, then opens one with `reason` (nil: the channel read again).
    package mutating func note(column: Int, reason: String?, at t: Int64) {
        if let index = open.removeValue(forKey: column) { gaps[index].endNanoseconds = t }
        guard let reason else { return }
        guard gaps.count < Self.limit else {
            dropped = true
            return
        }
        open[column] = gaps.count
        gaps.append(Entry(column: column, startNanoseconds: t, endNanoseconds: nil, reason: reason))
    }

    /// For a sampler that never stops (the agent): the entries opened or ended since the last
    /// call, in `gaps` order — an open one once (nil end), an ended one once more with its end —
    /// and the ended ones are forgotten, so the log holds only the open entries after it. A local
    /// run never calls it and keeps every entry for `Sampler.channelGaps()`.
    package mutating func takeChanges() -> [Entry] {
        let openIndices = Set(open.values)
        var changes: [Entry] = []
        var kept: [Entry] = []
        var newIndex: [Int: Int] = [:]
        for (index, entry) in gaps.enumerated() {
            guard openIndices.contains(index) else {
                changes.append(entry)
                continue
            }
            if !announced.contains(index) { changes.append(entry) }
            newIndex[index] = kept.count
            kept.append(entry)
        }
        gaps = kept
        open = open.compactMapValues { newIndex[$0] }
        announced = Set(kept.indices)
        return changes
    }

    /// Leaves the open entries open (nil end: unreadable until the end of the run).
    package mutating func closeAll() { open.removeAll() }

    /// True once, the first time an entry was not stored for the limit.
    package mutating func takeDroppedWarning() -> Bool {
        guard dropped, !warned else { return false }
        warned = true
        return true
    }
}
