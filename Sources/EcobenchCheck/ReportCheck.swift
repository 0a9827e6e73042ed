/// One pre-flight check made before the run (`ecobench check`), as stored with the run and
/// shown in its report: what was measured, against which threshold, and the verdict.
public struct ReportCheck: Codable, Sendable, Equatable {
    /// `cpu_busy`, `cpu_steal`, `swap_activity`, `cpu_governor`, `turbo`, `thermal`,
    /// `heavy_processes`, `clock_source`, or `preflight` for the record of skipped checks.
    public var name: String
    public var status: CheckStatus
    /// The measured value with its unit, e.g. `3.2 %`, or `not exposed`.
    public var value: String
    /// The rule the value was judged by, e.g. `warn > 10 %, fail > 95 %`.
    public var threshold: String
    /// Extra context (the processes found, the previous run's temperature), if any.
    public var detail: String?
    /// The number behind `value`, when there is one (stored, compared between runs).
    public var measured: Double?

    public init(name: String, status: CheckStatus, value: String, threshold: String, detail: String? = nil,
                measured: Double? = nil) {
        self.name = name
        self.status = status
        self.value = value
        self.threshold = threshold
        self.detail = detail
        self.measured = measured
    }

    /// The record of a run whose checks were turned off.
    public static func skipped(reason: String) -> ReportCheck {
        ReportCheck(name: "preflight", status: .skipped, value: "not checked", threshold: "none", detail: reason)
    }

    /// One line for a terminal: `warn  cpu_steal        7.1 %  (warn > 5 %)`.
    public var line: String {
        let padded = { (s: String, n: Int) in s.count >= n ? s + " " : s + String(repeating: " ", count: n - s.count) }
        return padded(status.rawValue, 6) + padded(name, 17) + padded(value, 16) + "(\(threshold))"
            + (detail.map { " — \($0)" } ?? "")
    }
}
