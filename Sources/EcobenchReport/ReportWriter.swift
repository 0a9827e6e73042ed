import Foundation
import EcobenchModel
import EcobenchStore

/// Writes a run's report files: `report.json`, the CSV tables and `report.html`, into one directory.
public enum ReportFormat: String, CaseIterable, Sendable {
    case json, csv, html
    /// The SCI disclosure (JSON).
    case sci
    /// An Impact Framework manifest (YAML).
    case impactManifest = "impact-manifest"
    /// The Blue Angel DE-UZ 215 measurement report (a directory: JSON, HTML, samples CSV).
    case blueAngel = "blue-angel"
    /// ECO:DIGIT's score beside the measurement (a directory: eco-digit.json).
    case ecoDigit = "eco-digit"
}

public struct ReportWriter {
    public let store: RunStore

    public init(store: RunStore) { self.store = store }

    public static func json(_ report: Report) throws -> Data {
        var data = try ReportCoding.encoder(pretty: true).encode(report)
        data.append(0x0A)
        return data
    }

    /// Writes the report in `format` to `path` (a file for json and html, a directory for csv, blue-angel and eco-digit; eco-digit here with the default device).
    /// Returns the files written.
    @discardableResult
    public func write(_ report: Report, format: ReportFormat, to path: String) throws -> [String] {
        switch format {
        case .json:
            try ensureDirectory((path as NSString).deletingLastPathComponent)
            try save(try ReportWriter.json(report), to: path)
            return [path]
        case .sci:
            try ensureDirectory((path as NSString).deletingLastPathComponent)
            var data = try ReportCoding.encoder(pretty: true).encode(SCIDisclosure(report))
            data.append(0x0A)
            try save(data, to: path)
            return [path]
        case .impactManifest:
            try ensureDirectory((path as NSString).deletingLastPathComponent)
            try save(Data(ImpactManifestWriter.yaml(report).utf8), to: path)
            return [path]
        case .csv:
            try ensureDirectory(path)
            let phases = path + "/phases.csv"
            let applications = path + "/applications.csv"
            let samples = path + "/samples.csv"
            try save(Data(CSVWriter.phases(report).utf8), to: phases)
            let budget = path + "/error-budget.csv"
            try save(Data(CSVWriter.applications(report).utf8), to: applications)
            try save(Data(CSVWriter.errorBudget(report).utf8), to: budget)
            try CSVWriter.writeSamples(store: store, runID: report.run.id, to: samples)
            var written = [phases, applications, budget, samples]
            if let consumers = CSVWriter.consumers(report) {
                try save(Data(consumers.utf8), to: path + "/consumers.csv")
                written.append(path + "/consumers.csv")
            }
            guard let nodes = CSVWriter.nodes(report) else { return written }
            try save(Data(nodes.utf8), to: path + "/nodes.csv")
            return written + [path + "/nodes.csv"]
        case .blueAngel:
            return try writeBlueAngel(report, to: path).files
        case .ecoDigit:
            return try writeEcoDigit(report, device: nil, to: path).files
        case .html:
            try ensureDirectory((path as NSString).deletingLastPathComponent)
            try save(Data(try HTMLReport.render(report: report, store: store).utf8), to: path)
            return [path]
        }
    }

    package func ensureDirectory(_ dir: String) throws {
        guard !dir.isEmpty else { return }
        do { try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true) } catch {
            throw ReportError.cannotWrite(path: dir, reason: error.localizedDescription)
        }
    }

    package func save(_ data: Data, to path: String) throws {
        do { try data.write(to: URL(fileURLWithPath: path), options: .atomic) } catch {
            throw ReportError.cannotWrite(path: path, reason: error.localizedDescription)
        }
    }
}
