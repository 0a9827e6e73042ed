import ArgumentParser
import EcobenchCore
import Foundation

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export runs as a dataset (runs, hosts, sources, phases, applications, samples) with a data dictionary.")

    @Argument(help: "Run ids (default: every completed or interrupted run).") var runs: [Int64] = []
    @Option(help: "csv or json.") var format: String = "csv"
    @Option(help: "Directory to write the dataset into.") var out: String
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard DatasetExporter.Format(rawValue: format) != nil else { throw ValidationError("--format must be csv or json, got \(format)") }
    }

    func run() throws {
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        let ids = runs.isEmpty ? try store.runs().filter { $0.status != .failed && $0.status != .running }.map(\.id) : runs
        guard !ids.isEmpty else { throw CLIError("no runs to export in \(store.path)") }
        do {
            let files = try DatasetExporter(store: store).export(runIDs: ids, format: DatasetExporter.Format(rawValue: format) ?? .csv,
                                                                  to: out)
            for file in files { print(file) }
        } catch {
            throw CLIError("\(error)")
        }
    }
}
