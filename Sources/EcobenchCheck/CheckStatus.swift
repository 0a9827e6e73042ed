/// Outcome of one pre-flight check. `skipped` is stored when the checks were turned off
/// (`--no-checks`), so the report says they were not made.
public enum CheckStatus: String, Codable, Sendable, CaseIterable, Comparable {
    case pass, warn, fail, skipped

    private var severity: Int {
        switch self {
        case .skipped: return 0
        case .pass: return 1
        case .warn: return 2
        case .fail: return 3
        }
    }

    public static func < (a: CheckStatus, b: CheckStatus) -> Bool { a.severity < b.severity }
}
