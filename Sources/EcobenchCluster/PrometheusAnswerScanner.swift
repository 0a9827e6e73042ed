import Foundation

/// A single pass over the bytes of a successful Prometheus API answer (`PrometheusAPIResponse`'s
/// shape) straight into `PrometheusSeries`, without Foundation's `JSONDecoder`: at fleet scale
/// (1,000 nodes × 30 pods, an hour of raw samples) the decoder's per-value work was ~70 % of
/// `cluster-energy`'s CPU time (docs/performance.md, "Fleet scale").
///
/// It reads only what it is sure of: a top-level object whose `status` is `"success"`, whose
/// `data` has `resultType` matrix or vector and a `result` array of `{"metric":{…},"values":[[t,"v"],…]}`
/// / `"value":[t,"v"]`, times as JSON numbers, values as strings without escapes. Anything else —
/// an error answer, an escaped string, a member twice, a number JSON does not allow — gives nil,
/// and `PrometheusResponseParser` decodes the answer with `JSONDecoder` as before, so every
/// error (and its field) stays that path's. Members it does not know are skipped, as the decoder does.
package enum PrometheusAnswerScanner {
    /// The series of a successful matrix or vector answer; nil where the decoder must decide.
    package static func series(_ body: Data) -> [PrometheusSeries]? {
        body.withUnsafeBytes { raw -> [PrometheusSeries]? in
            Scanner(bytes: raw.bindMemory(to: UInt8.self)).answer()
        }
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    /// A class, so that the closures that read members and elements may move the same cursor.
    private final class Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

        func answer() -> [PrometheusSeries]? {
            var status: String?, result: [PrometheusSeries]?, seen = Set<String>()
            guard members({ key in
                guard seen.insert(key).inserted else { return false }
                switch key {
                case "status": status = string(); return status != nil
                case "errorType", "error": return nullOrString()
                case "data": result = data(); return result != nil
                default: return skipValue()
                }
            }) else { return nil }
            skipSpace()
            guard index == bytes.count, status == "success" else { return nil }
            return result
        }

        /// `data`: resultType matrix or vector, then its `result` (in either order).
        func data() -> [PrometheusSeries]? {
            var type: String?, result: [PrometheusSeries]?, resultStart: Int?, seen = Set<String>()
            guard members({ key in
                guard seen.insert(key).inserted else { return false }
                switch key {
                case "resultType": type = string(); return type != nil
                case "result":
                    // Prometheus writes resultType first; otherwise the result is read again below.
                    guard let type else { resultStart = index; return skipValue() }
                    guard type == "matrix" || type == "vector" else { return false }
                    result = seriesList(matrix: type == "matrix")
                    return result != nil
                default: return skipValue()
                }
            }) else { return nil }
            guard let type, type == "matrix" || type == "vector" else { return nil }
            if let resultStart {
                let end = index
                index = resultStart
                result = seriesList(matrix: type == "matrix")
                index = end
            }
            return result
        }

        func seriesList(matrix: Bool) -> [PrometheusSeries]? {
            var out: [PrometheusSeries] = []
            guard elements({ () -> Bool in
                guard let series = oneSeries(matrix: matrix) else { return false }
                out.append(series)
                return true
            }) else { return nil }
            return out
        }

        func oneSeries(matrix: Bool) -> PrometheusSeries? {
            var labels: [String: String]?, values: [PrometheusPoint]?, value: PrometheusPoint?, seen = Set<String>()
            guard members({ key in
                guard seen.insert(key).inserted else { return false }
                switch key {
                case "metric": labels = labelSet(); return labels != nil
                case "values":
                    var points: [PrometheusPoint] = []
                    guard elements({ () -> Bool in
                        guard let point = point() else { return false }
                        points.append(point)
                        return true
                    }) else { return false }
                    values = points
                    return true
                case "value": value = point(); return value != nil
                default: return skipValue()
                }
            }) else { return nil }
            guard let labels else { return nil }
            if matrix {
                guard let values else { return nil }
                return PrometheusSeries(labels: labels, points: values)
            }
            guard let value else { return nil }
            return PrometheusSeries(labels: labels, points: [value])
        }

        func labelSet() -> [String: String]? {
            var labels: [String: String] = [:]
            guard members({ key in
                guard labels[key] == nil, let value = string() else { return false }
                labels[key] = value
                return true
            }) else { return nil }
            return labels
        }

        /// `[t, "v"]`: a finite JSON number, then a string that is a number (`"NaN"`, `"+Inf"` too).
        func point() -> PrometheusPoint? {
            guard take(UInt8(ascii: "[")), let time = number(), time.isFinite, take(UInt8(ascii: ",")),
                  let text = string(), take(UInt8(ascii: "]")) else { return nil }
            // As PrometheusAPIResponse.Point reads it; the replacement only matters where there is an "I".
            let value = text.utf8.contains(UInt8(ascii: "I")) ? Double(text.replacingOccurrences(of: "Inf", with: "inf"))
                                                                : Double(text)
            guard let value else { return nil }
            return PrometheusPoint(timeSeconds: time, value: value)
        }

        /// `{ "key": value, … }`; `member` reads the value after the colon, false stops with nil.
        func members(_ member: (String) -> Bool) -> Bool {
            guard take(UInt8(ascii: "{")) else { return false }
            if take(UInt8(ascii: "}")) { return true }
            repeat {
                guard let key = string(), take(UInt8(ascii: ":")), member(key) else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "}"))
        }

        /// `[ element, … ]`.
        func elements(_ element: () -> Bool) -> Bool {
            guard take(UInt8(ascii: "[")) else { return false }
            if take(UInt8(ascii: "]")) { return true }
            repeat {
                guard element() else { return false }
            } while take(UInt8(ascii: ","))
            return take(UInt8(ascii: "]"))
        }

        /// An ASCII string without escapes or control characters (else nil: the decoder reads it).
        func string() -> String? {
            guard take(quote) else { return nil }
            let start = index
            while index < bytes.count {
                let byte = bytes[index]
                if byte == quote {
                    let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
                    index += 1
                    return text
                }
                if byte == backslash || byte < 0x20 || byte >= 0x80 { return nil }
                index += 1
            }
            return nil
        }

        func nullOrString() -> Bool {
            skipSpace()
            if literal("null") { return true }
            return string() != nil
        }

        /// A JSON number (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`) as a Double.
        func number() -> Double? {
            skipSpace()
            let start = index
            func digits() -> Int {
                let first = index
                while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
                return index - first
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
            let integer = index
            guard digits() > 0, bytes[integer] != UInt8(ascii: "0") || index - integer == 1 else { return nil }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard digits() > 0 else { return nil }
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard digits() > 0 else { return nil }
            }
            return Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self))
        }

        /// Skips any JSON value (nil strings with escapes included: then the decoder reads the answer).
        func skipValue() -> Bool {
            skipSpace()
            guard index < bytes.count else { return false }
            switch bytes[index] {
            case quote: return string() != nil
            case UInt8(ascii: "{"): return members { _ in skipValue() }
            case UInt8(ascii: "["): return elements { skipValue() }
            case UInt8(ascii: "t"): return literal("true")
            case UInt8(ascii: "f"): return literal("false")
            case UInt8(ascii: "n"): return literal("null")
            default: return number() != nil
            }
        }

        func literal(_ word: StaticString) -> Bool {
            let count = word.utf8CodeUnitCount
            guard index + count <= bytes.count else { return false }
            for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return false }
            index += count
            return true
        }

        /// Skips white space, then takes `byte` if it is next.
        func take(_ byte: UInt8) -> Bool {
            skipSpace()
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }

        func skipSpace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }
    }
}
