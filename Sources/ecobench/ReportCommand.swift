import ArgumentParser
import EcobenchCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate a run's report from the database.")

    @Argument(help: "Run id (see `ecobench runs`).") var runID: Int64
    @Option(help: "json or csv.") var format: String = "json"
    @Option(help: "Output file (json; default: standard output) or directory (csv; default: run-<id>-csv).")
    var out: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var carbon: CarbonOptions

    func validate() throws {
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: "
                                  + ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + "; got \(format)")
        }
    }

    func run() throws {
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        let report: Report
        do { report = try ReportBuilder(store: store).build(runID: runID, carbon: carbon.explicit) } catch {
            throw CLIError("\(error)")
        }
        let format = ReportFormat(rawValue: format) ?? .json
        switch (format, out) {
        case (.json, nil):
            FileHandle.standardOutput.write(try ReportWriter.json(report))
        case (.json, let path?):
            try ReportWriter(store: store).write(report, format: .json, to: path)
        case (.csv, let path):
            let dir = path ?? "run-\(runID)-csv"
            for file in try ReportWriter(store: store).write(report, format: .csv, to: dir) { print(file) }
        }
        if report.run.partial {
            FileHandle.standardError.write(Data("note: run \(runID) is partial (\(report.run.status.rawValue)): \(report.run.repetitionsCompleted) of \(report.run.repetitionsPlanned) repetitions\n".utf8))
        }
    }
}
