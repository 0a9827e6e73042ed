import ArgumentParser
import EcobenchCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate a run's report from the database.")

    @Argument(help: "Run id (see `ecobench runs`).") var runID: Int64
    @Option(help: "json, csv or html.") var format: String = "json"
    @Option(help: "Output file (json, html; default: standard output) or directory (csv; default: run-<id>-csv).")
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
        try store.markAbandonedRuns()
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
        case (.html, nil):
            FileHandle.standardOutput.write(Data(try HTMLReport.render(report: report, store: store).utf8))
        case (.html, let path?):
            try ReportWriter(store: store).write(report, format: .html, to: path)
        case (.csv, let path):
            let dir = path ?? "run-\(runID)-csv"
            for file in try ReportWriter(store: store).write(report, format: .csv, to: dir) { print(file) }
        }
        if report.run.partial {
            FileHandle.standardError.write(Data("note: run \(runID) is partial (\(report.run.status.rawValue)): \(report.run.repetitionsCompleted) of \(report.run.repetitionsPlanned) repetitions\n".utf8))
        }
    }
}
