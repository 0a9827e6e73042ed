import EcobenchModel
import EcobenchStore
import EcobenchAttribute

/// A stretch without readings from one source, and how much of each phase it covers.
public struct ReportGap: Codable, Sendable {
    public var source: String
    public var startS: Double
    /// Absent when the source never came back before the run ended.
    public var endS: Double?
    public var reason: String
    public var phases: [Overlap]

    public struct Overlap: Codable, Sendable {
        public var repetition: Int
        public var name: PhaseName
        public var coveredS: Double
        /// Share of the phase's duration without readings from this source.
        public var fraction: Double
    }

    package static func build(_ gap: SourceGap, windows: [PhaseWindow], runEnd: Int64) -> ReportGap {
        let end = gap.endNanoseconds ?? runEnd
        let overlaps = windows.compactMap { w -> Overlap? in
            let covered = min(end, w.endNanoseconds) - max(gap.startNanoseconds, w.startNanoseconds)
            guard covered > 0, w.endNanoseconds > w.startNanoseconds else { return nil }
            return Overlap(repetition: w.repetition, name: w.name, coveredS: Double(covered) / 1e9,
                           fraction: Double(covered) / Double(w.endNanoseconds - w.startNanoseconds))
        }
        return ReportGap(source: gap.source, startS: Double(gap.startNanoseconds) / 1e9,
                         endS: gap.endNanoseconds.map { Double($0) / 1e9 }, reason: gap.reason, phases: overlaps)
    }
}
