import EcobenchCore
import Foundation

/// Makes the checks for `check` and `run`: the last run's temperature comes from the database.
enum PreflightRunner {
    static func checks(procRoot: String, sysfsRoot: String, seconds: Double,
                       database: DatabaseOptions) throws -> [ReportCheck] {
        let previous = (try? RunStore(path: database.resolvedPath, readOnly: true))
            .flatMap { try? $0.lastMeasured(check: "thermal") }
        let checker = PreflightChecker(procRoot: procRoot, sysfsRoot: sysfsRoot, sampleSeconds: seconds,
                                       previousHottestCelsius: previous)
        do { return try checker.run() } catch { throw CLIError("pre-flight checks could not run: \(error)") }
    }

    /// Runs the checks for `ecobench run` in `mode`; prints warnings and failures; throws when
    /// a check fails in `enforce` mode (before anything is stored).
    static func beforeRun(mode: CheckMode, procRoot: String, sysfsRoot: String, seconds: Double,
                          database: DatabaseOptions, quiet: Bool) throws -> [ReportCheck] {
        guard mode != .off else { return [.skipped(reason: "--no-checks (or --checks off) was given")] }
        let checks = try checks(procRoot: procRoot, sysfsRoot: sysfsRoot, seconds: seconds, database: database)
        let notable = checks.filter { $0.status == .warn || $0.status == .fail }
        if !quiet || notable.contains(where: { $0.status == .fail }) {
            for check in notable {
                FileHandle.standardError.write(Data("pre-flight: \(check.line)\n".utf8))
            }
        }
        let failed = checks.filter { $0.status == .fail }
        if mode == .enforce, !failed.isEmpty {
            throw CLIError("pre-flight check failed: "
                           + failed.map { "\($0.name) \($0.value) (\($0.threshold))" }.joined(separator: "; ")
                           + "; nothing was stored. Fix the machine, or run with --checks warn-only or --no-checks")
        }
        return checks
    }
}
