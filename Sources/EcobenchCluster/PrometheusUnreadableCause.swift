/// The short category of a probe's cause for an unreadable reading, as the agent's counter
/// `ecobench_agent_unreadable_readings_total{channel, cause}` labels it (a label value must stay
/// a small set: the full text names paths and values). The category is the cause text's first
/// words (`ReadingFailure.description`: `permission denied: <path>`, `vanished: <path>`,
/// `parse error: <path>: '<text>'`, `reset: <path> went back …`); anything else (`replaced`,
/// `unreadable: <detail>`, a reading without a recorded cause) is `other`.
public enum PrometheusUnreadableCause: String, CaseIterable, Sendable {
    case permissionDenied = "permission_denied"
    case vanished
    case parseError = "parse_error"
    case reset
    case other

    /// The category of a cause text (nil: no cause was recorded → `other`).
    public init(reason: String?) {
        guard let reason else {
            self = .other
            return
        }
        self = Self.allCases.first { $0 != .other && reason.hasPrefix($0.words + ":") } ?? .other
    }

    /// The category in the words of the cause texts (`permission denied`, `parse error`, …).
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}
