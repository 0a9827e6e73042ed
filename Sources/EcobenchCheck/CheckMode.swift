/// What `ecobench run` does with the pre-flight checks' outcome.
public enum CheckMode: String, Sendable, CaseIterable {
    /// A `fail` stops the run before anything is stored.
    case enforce
    /// Every check is made and recorded, none stops the run.
    case warnOnly = "warn-only"
    /// No check is made; the report records that they were skipped.
    case off
}
