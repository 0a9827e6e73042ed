import Foundation

/// Builds the Prometheus text exposition format (version 0.0.4) by hand: one `# HELP` and one
/// `# TYPE` line per family, then its samples, label values escaped.
///
/// Hand-written rather than swift-prometheus: the agent's values are not counters it increments
/// but readings it already holds (continued across restarts from the buffer), which this
/// renders directly in a few lines, without a registry and without one more dependency to build.
public struct PrometheusText: Sendable {
    public enum MetricType: String, Sendable {
        case counter
        case gauge
    }

    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public private(set) var text = ""

    public init() {}

    /// Starts a family: `name` must match `[a-zA-Z_:][a-zA-Z0-9_:]*` (counters end in `_total`).
    public mutating func family(_ name: String, type: MetricType, help: String) {
        text += "# HELP \(name) \(PrometheusText.escapeHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
    }

    /// One sample of the current family.
    public mutating func sample(_ name: String, labels: [(String, String)] = [], value: Double) {
        text += name
        if !labels.isEmpty {
            text += "{" + labels.map { "\($0.0)=\"\(PrometheusText.escapeLabel($0.1))\"" }.joined(separator: ",") + "}"
        }
        text += " " + PrometheusText.format(value) + "\n"
    }

    /// Go-parsable numbers: `NaN`, `+Inf`, `-Inf`, else the shortest exact decimal.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }

    static func escapeLabel(_ value: String) -> String {
        var out = ""
        for character in value {
            switch character {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(character)
            }
        }
        return out
    }

    static func escapeHelp(_ value: String) -> String {
        value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }
}
