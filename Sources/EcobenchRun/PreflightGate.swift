import EcobenchCheck
import EcobenchStore

/// The pre-flight checks of `ecobench check` and before `ecobench run`: the machine sampled, the
/// last run's hottest temperature taken from the database, and, in `enforce` mode, a failed check
/// stops the run before anything is stored.
public enum PreflightGate {
    /// A check failed in `enforce` mode, or the checks could not run.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    public static func checks(procRoot: String, sysfsRoot: String, seconds: Double,
                              databasePath: String) throws(Failure) -> [ReportCheck] {
        let previous = (try? RunStore(path: databasePath, readOnly: true)).flatMap { try? $0.lastMeasured(check: "thermal") }
        let checker = PreflightChecker(procRoot: procRoot, sysfsRoot: sysfsRoot, sampleSeconds: seconds,
                                       previousHottestCelsius: previous)
        do { return try checker.run() } catch { throw Failure(description: "pre-flight checks could not run: \(error)") }
    }

    /// The checks for a run in `mode`; `notable` is handed the warnings and failures (to show them)
    /// before a failure in `enforce` mode throws.
    public static func beforeRun(mode: CheckMode, procRoot: String, sysfsRoot: String, seconds: Double,
                                 databasePath: String, notable: ([ReportCheck]) -> Void) throws(Failure) -> [ReportCheck] {
        guard mode != .off else { return [.skipped(reason: "--no-checks (or --checks off) was given")] }
        let checks = try checks(procRoot: procRoot, sysfsRoot: sysfsRoot, seconds: seconds, databasePath: databasePath)
        notable(checks.filter { $0.status == .warn || $0.status == .fail })
        let failed = checks.filter { $0.status == .fail }
        if mode == .enforce, !failed.isEmpty {
            throw Failure(description: "pre-flight check failed: "
                          + failed.map { "\($0.name) \($0.value) (\($0.threshold))" }.joined(separator: "; ")
                          + "; nothing was stored. Fix the machine, or run with --checks warn-only or --no-checks")
        }
        return checks
    }
}
