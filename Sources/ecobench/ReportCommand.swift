import ArgumentParser
import EcobenchCore
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Regenerate a run's report from the database.")

    @Argument(help: "Run id (see `ecobench runs`); omit with --sweep.") var runID: Int64?
    @Option(help: "Report a load sweep (its levels' runs) instead of one run: json, csv or html to standard output, or with --out DIR sweep.json, sweep.csv and sweep.html.")
    var sweep: Int64?
    @Option(help: "With --sweep: mean utilisation (0…1, of the highest achieved throughput) for the yearly energy.")
    var utilisation: Double = 0.3
    @Option(help: "json, csv, html, sci (SCI disclosure), impact-manifest (Impact Framework YAML), blue-angel (DE-UZ 215 measurement report: JSON, HTML, samples CSV) or eco-digit (ECO:DIGIT's score beside the measured energy: JSON).")
    var format: String = "json"
    @Option(help: "Output file (json, html, sci, impact-manifest; default: standard output) or directory (csv; default: run-<id>-csv; blue-angel: run-<id>-blue-angel; eco-digit: run-<id>-eco-digit).")
    var out: String?
    @Option(help: "eco-digit: the device description (YAML, docs/eco-digit.md); without it the reference's sample device, labelled assumed.")
    var device: String?
    @Option(help: "Sign the json report with this private key (from `ecobench keygen`): writes <out>.sig.")
    var sign: String?
    @OptionGroup var database: DatabaseOptions
    @OptionGroup var carbon: CarbonOptions
    @OptionGroup var impact: ImpactOptions

    func validate() throws {
        if sweep != nil {
            guard runID == nil else { throw ValidationError("give a run id or --sweep ID, not both") }
            guard SweepFormat(rawValue: format) != nil else {
                throw ValidationError("with --sweep, --format must be one of: json, csv, html; got \(format)")
            }
            guard utilisation > 0, utilisation <= 1 else {
                throw ValidationError("--utilisation must be in (0, 1], got \(utilisation)")
            }
            guard sign == nil else { throw ValidationError("--sign signs a run's json report, not a sweep's") }
            return
        }
        guard runID != nil else { throw ValidationError("give a run id (see `ecobench runs`) or --sweep ID") }
        guard ReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: "
                                  + ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + "; got \(format)")
        }
        if device != nil, format != ReportFormat.ecoDigit.rawValue {
            throw ValidationError("--device is for --format eco-digit")
        }
        if sign != nil, format != ReportFormat.json.rawValue || out == nil {
            throw ValidationError("--sign needs --format json and --out FILE (the signature goes to FILE.sig)")
        }
    }

    func run() throws {
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        if let sweep { return try runSweep(sweep, store: store) }
        guard let runID else { throw CLIError("give a run id or --sweep ID") }
        let signer: ReportSigner?
        do { signer = try sign.map { try ReportSigner(store: store, keyPath: $0) } } catch { throw CLIError("\(error)") }
        let report: Report
        do {
            var options = ReportOptions(carbon: carbon.explicit, idlePolicy: impact.parsedIdlePolicy)
            if impact.isSet {
                let stored = try store.run(id: runID).flatMap {
                    try? ReportCoding.decoder().decode(RunSettings.self, from: Data($0.run.settingsJSON.utf8)).impact
                }
                options.impact = try impact.settings(base: stored ?? ImpactSettings())
            }
            report = try ReportBuilder(store: store).build(runID: runID, options: options)
        } catch {
            throw CLIError("\(error)")
        }
        let format = ReportFormat(rawValue: format) ?? .json
        switch (format, out) {
        case (.json, nil):
            FileHandle.standardOutput.write(try ReportWriter.json(report))
        case (.json, let path?):
            try ReportWriter(store: store).write(report, format: .json, to: path)
            if let signer {
                do { print(try signer.sign(reportAt: path).path) } catch { throw CLIError("\(error)") }
            }
        case (.sci, let path?), (.impactManifest, let path?):
            try ReportWriter(store: store).write(report, format: format, to: path)
        case (.sci, nil):
            FileHandle.standardOutput.write(try ReportCoding.encoder(pretty: true).encode(SCIDisclosure(report)))
            print()
        case (.impactManifest, nil):
            FileHandle.standardOutput.write(Data(ImpactManifestWriter.yaml(report).utf8))
        case (.html, nil):
            FileHandle.standardOutput.write(Data(try HTMLReport.render(report: report, store: store).utf8))
        case (.html, let path?):
            try ReportWriter(store: store).write(report, format: .html, to: path)
        case (.csv, let path):
            let dir = path ?? "run-\(runID)-csv"
            for file in try ReportWriter(store: store).write(report, format: .csv, to: dir) { print(file) }
        case (.blueAngel, let path):
            let written = try ReportWriter(store: store).writeBlueAngel(report, to: path ?? "run-\(runID)-blue-angel")
            for file in written.files { print(file) }
            for warning in written.report.warnings {
                FileHandle.standardError.write(Data("warning: Blue Angel report: \(warning)\n".utf8))
            }
        case (.ecoDigit, let path):
            let spec: EcoDigitDeviceSpec?
            do { spec = try device.map { file throws(WorkloadError) in try EcoDigitDeviceParser.parse(fileAtPath: file) } } catch {
                throw CLIError("\(error)")
            }
            let written = try ReportWriter(store: store).writeEcoDigit(report, device: spec, to: path ?? "run-\(runID)-eco-digit")
            for file in written.files { print(file) }
            for warning in written.report.warnings {
                FileHandle.standardError.write(Data("warning: ECO:DIGIT: \(warning)\n".utf8))
            }
        }
        if report.run.partial {
            FileHandle.standardError.write(Data("note: run \(runID) is partial (\(report.run.status.rawValue)): \(report.run.repetitionsCompleted) of \(report.run.repetitionsPlanned) repetitions\n".utf8))
        }
    }

    enum SweepFormat: String { case json, csv, html }

    func runSweep(_ id: Int64, store: RunStore) throws {
        let report: SweepReport
        do {
            report = try SweepReportBuilder(store: store).build(
                sweepID: id, utilisation: utilisation,
                options: ReportOptions(carbon: carbon.explicit, idlePolicy: impact.parsedIdlePolicy))
        } catch {
            throw CLIError("\(error)")
        }
        if let out {
            for file in try ReportWriter(store: store).writeSweep(report, to: out) { print(file) }
            return
        }
        switch SweepFormat(rawValue: format) ?? .json {
        case .json: FileHandle.standardOutput.write(try SweepWriter.json(report))
        case .csv: FileHandle.standardOutput.write(Data(SweepWriter.csv(report).utf8))
        case .html: FileHandle.standardOutput.write(Data(SweepHTML.render(report).utf8))
        }
    }
}
