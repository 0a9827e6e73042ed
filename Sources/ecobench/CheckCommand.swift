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
            and the threshold. Exit code 0 when nothing fails, 1 when a check fails. Thresholds: docs/sources.md, \
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
        let checks = try PreflightGate.checks(procRoot: procRoot, sysfsRoot: sysfsRoot, seconds: checkSeconds,
                                              databasePath: database.resolvedPath)
        if json {
            FileHandle.standardOutput.write(try ReportCoding.encoder(pretty: true).encode(checks))
            print()
        } else {
            checks.forEach { print($0.line) }
        }
        if checks.contains(where: { $0.status == .fail }) { throw ExitCode(1) }
    }
}
