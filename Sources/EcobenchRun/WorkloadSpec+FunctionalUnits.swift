import Foundation

extension WorkloadSpec {
    /// How many functional units (requests, bogo-ops, minutes, ...) one load phase produced.
    public struct FunctionalUnits: Hashable, Sendable {
        /// Where the count comes from (`load.functional_units`: exactly one of these).
        public enum Method: Hashable, Sendable {
            /// The first capture group of the pattern (NSRegularExpression/ICU syntax), read as
            /// a number (`,` and `_` ignored), in the load's output.
            case regex(pattern: String, aggregation: Aggregation, stream: Stream)
            /// Units = load phase duration in seconds / this (> 0), e.g. 60 for "minute".
            case perSeconds(Double)
            /// A fixed number of units per load phase (> 0).
            case count(Double)
        }

        /// Which matches of a regex count.
        public enum Aggregation: String, Hashable, Sendable {
            /// The first match only (stdout is searched before stderr).
            case first
            /// The sum over all matches.
            case sum
        }

        /// Which output of the load command a regex is applied to.
        public enum Stream: String, Hashable, Sendable {
            case stdout
            case stderr
            case both

            /// The outputs this stream names, in the order they are searched.
            public func texts(stdout: String, stderr: String) -> [String] {
                switch self {
                case .stdout: [stdout]
                case .stderr: [stderr]
                case .both: [stdout, stderr]
                }
            }
        }

        public var method: Method
        /// Where `functional_units` is written.
        public var location: SourceLocation

        public init(method: Method, location: SourceLocation) {
            self.method = method
            self.location = location
        }

        /// The number of units, from the load command's captured output and the measured
        /// duration of the load phase. Throws `.functionalUnitsNotFound` if a regex matches
        /// nothing or captures something that is not a number.
        public func units(stdout: String, stderr: String,
                          loadDurationSeconds: Double) throws(WorkloadError) -> Double {
            switch method {
            case .count(let count):
                return count
            case .perSeconds(let seconds):
                return loadDurationSeconds / seconds
            case .regex(let pattern, let aggregation, let stream):
                guard let regex = try? NSRegularExpression(pattern: pattern) else {
                    throw location.error(.invalidValue, "regex does not compile: \(pattern)")
                }
                let texts = stream.texts(stdout: stdout, stderr: stderr)
                var values: [Double] = []
                for text in texts {
                    values += try captures(of: regex, in: text, firstOnly: aggregation == .first)
                    if aggregation == .first, !values.isEmpty { break }
                }
                guard !values.isEmpty else {
                    throw location.error(.functionalUnitsNotFound,
                                         "regex '\(pattern)' matched nothing in the load's \(stream.rawValue)")
                }
                return aggregation == .first ? values[0] : values.reduce(0, +)
            }
        }

        private func captures(of regex: NSRegularExpression, in text: String,
                              firstOnly: Bool) throws(WorkloadError) -> [Double] {
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            var values: [Double] = []
            for match in regex.matches(in: text, range: range) where match.numberOfRanges > 1 {
                guard let captured = Range(match.range(at: 1), in: text) else { continue }
                let raw = String(text[captured])
                let cleaned = raw.filter { $0 != "," && $0 != "_" }
                guard let value = Double(cleaned), value.isFinite else {
                    throw location.error(.functionalUnitsNotFound,
                                         "regex captured \"\(raw)\", which is not a number")
                }
                values.append(value)
                if firstOnly { break }
            }
            return values
        }
    }
}
