import Foundation

extension WorkloadSpec {
    /// One latency percentile in a load generator's output (`sweep.latency.p99: {regex, unit}`):
    /// the first capture group of the first match, a number in `unit`.
    public struct LatencyPattern: Hashable, Sendable {
        public var percentile: LatencyPercentile
        /// NSRegularExpression (ICU) syntax, at least one capture group.
        public var pattern: String
        public var unit: LatencyUnit
        /// Which output it is searched in (stdout first with `both`).
        public var stream: FunctionalUnits.Stream
        /// Where it is written, e.g. `sweep.latency.p99`.
        public var location: SourceLocation

        public init(percentile: LatencyPercentile, pattern: String, unit: LatencyUnit,
                    stream: FunctionalUnits.Stream = .both, location: SourceLocation) {
            self.percentile = percentile
            self.pattern = pattern
            self.unit = unit
            self.stream = stream
            self.location = location
        }

        /// The latency in milliseconds. Throws `.functionalUnitsNotFound`, naming this field,
        /// when nothing matches or the capture is not a number.
        public func milliseconds(stdout: String, stderr: String) throws(WorkloadError) -> Double {
            guard let regex = try? NSRegularExpression(pattern: pattern) else {
                throw location.error(.invalidValue, "regex does not compile: \(pattern)")
            }
            let texts = stream.texts(stdout: stdout, stderr: stderr)
            for text in texts {
                let range = NSRange(text.startIndex..<text.endIndex, in: text)
                guard let match = regex.firstMatch(in: text, range: range), match.numberOfRanges > 1,
                      let captured = Range(match.range(at: 1), in: text) else { continue }
                let raw = String(text[captured])
                guard let value = Double(raw.filter { $0 != "," && $0 != "_" }), value.isFinite, value >= 0 else {
                    throw location.error(.functionalUnitsNotFound, "regex captured \"\(raw)\", which is not a latency")
                }
                return value * unit.milliseconds
            }
            throw location.error(.functionalUnitsNotFound,
                                 "regex '\(pattern)' matched nothing in the load's \(stream.rawValue)")
        }
    }
}
