import ArgumentParser
import EcobenchCore
import Foundation

/// `ecobench check`: the pre-flight checks on their own (`ecobench run` makes them first).
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check that the machine is quiet enough to measure: CPU busy and steal, swapping, governor, "
            + "turbo, temperature, heavy processes, clock source.",
        discussion: """
            Samples the machine for --check-seconds and prints pass/warn/fail per check with the measured value \
            and the threshold. Exit code 0 when nothing fails, 1 when a check fails. Thresholds: README, \
            "Pre-flight checks".
            """)

    @Option(help: "Root of the sysfs tree to read.") var sysfsRoot: String = "/sys"
    @Option(help: "Root of the procfs tree to read.") var procRoot: String = "/proc"
    @Option(help: "Seconds to sample the machine.") var checkSeconds: Double = 1
    @Flag(help: "JSON instead of text.") var json = false
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard checkSeconds > 0 && checkSeconds <= 60 else {
            throw ValidationError("--check-seconds must be more than 0 and at most 60, got \(checkSeconds)")
        }
    }

    func run() throws {
        let checks = try PreflightRunner.checks(procRoot: procRoot, sysfsRoot: sysfsRoot, seconds: checkSeconds,
                                                database: database)
        if json {
            FileHandle.standardOutput.write(try ReportCoding.encoder(pretty: true).encode(checks))
            print()
        } else {
            checks.forEach { print($0.line) }
        }
        if checks.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
    }
}

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
