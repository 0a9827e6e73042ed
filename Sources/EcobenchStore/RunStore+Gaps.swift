/// A stretch of time in which a source gave no reading; energy across it is not invented.
public struct SourceGap: Sendable, Equatable {
    public var source: String
    public var startNanoseconds: Int64
    /// nil when the source never came back before the run ended.
    public var endNanoseconds: Int64?
    public var reason: String

    public init(source: String, startNanoseconds: Int64, endNanoseconds: Int64?, reason: String) {
        self.source = source
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = endNanoseconds
        self.reason = reason
    }
}

extension SourceGap {
    /// The stored gaps, then the NaN stretches of the samples (`RunStore.sampleGaps`), each
    /// stretch naming the causes the sampler stored for its source inside it ("; "-joined, in
    /// time order) instead of a generic text. A stored gap inside a stretch is told by that
    /// stretch, not listed again; one inside none (e.g. a polled meter's) is kept as it is.
    public static func merging(stored: [SourceGap], derived: [SourceGap]) -> [SourceGap] {
        var used = Set<Int>()
        let explained = derived.map { gap -> SourceGap in
            let inside = stored.indices.filter { stored[$0].source == gap.source && gap.contains(stored[$0]) }
            guard !inside.isEmpty else { return gap }
            used.formUnion(inside)
            var reasons: [String] = []
            for index in inside.sorted(by: { stored[$0].startNanoseconds < stored[$1].startNanoseconds })
                where !reasons.contains(stored[index].reason) {
                reasons.append(stored[index].reason)
            }
            var named = gap
            named.reason = reasons.joined(separator: "; ")
            return named
        }
        return stored.indices.filter { !used.contains($0) }.map { stored[$0] } + explained
    }

    /// True when `other` lies within this gap (an open end reaches the end of the run).
    package func contains(_ other: SourceGap) -> Bool {
        guard other.startNanoseconds >= startNanoseconds else { return false }
        guard let end = endNanoseconds else { return true }
        return other.endNanoseconds.map { $0 <= end } ?? false
    }
}

extension RunStore {
    public func insertGaps(runID: Int64, _ gaps: [SourceGap]) throws {
        guard !gaps.isEmpty else { return }
        try locked {
            try db.transaction {
                let insert = try db.prepare("INSERT INTO gaps(run_id, source, start_ns, end_ns, reason) VALUES (?, ?, ?, ?, ?)")
                for gap in gaps {
                    try insert.run([.integer(runID), .text(gap.source), .integer(gap.startNanoseconds),
                                    .optional(gap.endNanoseconds), .text(gap.reason)])
                }
            }
        }
    }

    public func gaps(runID: Int64) throws -> [SourceGap] {
        try locked {
            var out: [SourceGap] = []
            try db.prepare("SELECT source, start_ns, end_ns, reason FROM gaps WHERE run_id = ? ORDER BY start_ns")
                .query([.integer(runID)]) { row in
                    out.append(SourceGap(source: row.string(0) ?? "", startNanoseconds: row.int64(1),
                                         endNanoseconds: row.optionalInt64(2), reason: row.string(3) ?? ""))
                }
            return out
        }
    }

    /// Stretches of NULL samples (unreadable ticks) of one source, as gaps.
    public func sampleGaps(source: StoredSource) throws -> [SourceGap] {
        var gaps: [SourceGap] = []
        var open: Int64?
        var lastGood: Int64?
        try forEachSample(sourceID: source.id) { t, value in
            if value.isNaN {
                if open == nil { open = lastGood ?? t }
            } else {
                if let start = open {
                    gaps.append(SourceGap(source: source.descriptor.name, startNanoseconds: start, endNanoseconds: t,
                                          reason: "no reading (unreadable, or a counter that reset or went back)"))
                    open = nil
                }
                lastGood = t
            }
        }
        if let start = open {
            gaps.append(SourceGap(source: source.descriptor.name, startNanoseconds: start, endNanoseconds: nil,
                                  reason: "unreadable until the end of the run"))
        }
        return gaps
    }
}
