import ArgumentParser
import EcobenchCore
import Foundation

struct VerifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a signed report: its signature, its content and, with the database, its samples.",
        discussion: """
            Prints `valid: signed by <key id> at <time>` and exits 0 when everything holds; otherwise one \
            line per failure naming what changed (a report field such as phases[2].energy_j, a sample \
            source, the key) and exits 1. Exits 2 when it cannot check at all (no .sig, unreadable files). \
            The samples are checked against --db, else $ECOBENCH_DB or the default database when it exists \
            and holds the same run.
            """)

    @Argument(help: "The report (report.json) to check.") var report: String
    @Option(help: "Signature file (default: <report>.sig).") var sig: String?
    @Option(help: "Public key file the report must be signed with (from `ecobench keygen`: KEY.pub).")
    var key: String?
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let outcome: ReportVerifier.Outcome
        do {
            let trusted = try key.map { try KeyFile.load(path: $0) }
            let verifier = ReportVerifier(reportPath: report, signaturePath: sig, trustedKey: trusted,
                                          database: try openDatabase())
            outcome = try verifier.verify()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        for note in outcome.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
        guard outcome.isValid else {
            for failure in outcome.failures { print("invalid: \(failure)") }
            throw ExitCode(1)
        }
        let samples = outcome.samplesChecked ? ", \(outcome.signature.samplesCount) samples checked" : ""
        print("valid: signed by \(outcome.signature.keyId) at \(outcome.signature.signedAt)")
        if !samples.isEmpty { FileHandle.standardError.write(Data("note: run \(outcome.signature.runId)\(samples)\n".utf8)) }
    }

    /// --db must open; a default database is used only where it exists.
    func openDatabase() throws -> ReportVerifier.Database? {
        let path = database.resolvedPath
        if database.path == nil && !FileManager.default.fileExists(atPath: path) { return nil }
        guard FileManager.default.fileExists(atPath: path) else {
            throw CLIError("database \(path) does not exist")
        }
        do {
            return ReportVerifier.Database(store: try RunStore(path: path, readOnly: true),
                                           explicit: database.path != nil)
        } catch {
            throw CLIError("cannot open database \(path): \(error)")
        }
    }
}
