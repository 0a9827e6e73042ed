import Foundation
import EcobenchModel
import EcobenchReport
import EcobenchStore

/// The files a run page offers for download, generated in memory by the report writers
/// (`ReportWriter`, `CSVWriter`, `SCIDisclosure`, `ImpactManifestWriter`, `BlueAngelBuilder`,
/// `EcoDigitBuilder`). A request names one by its fixed file name; nothing reaches the filesystem.
package enum ServeDownload: String, CaseIterable, Sendable {
    case reportJSON = "report.json"
    case reportHTML = "report.html"
    case phasesCSV = "phases.csv"
    case applicationsCSV = "applications.csv"
    case errorBudgetCSV = "error-budget.csv"
    case sciJSON = "sci.json"
    case impactManifest = "impact-manifest.yaml"
    case blueAngelJSON = "blue-angel.json"
    case blueAngelHTML = "blue-angel.html"
    /// With ECO:DIGIT's sample device (labelled assumed in the file); `ecobench report --device` takes another.
    case ecoDigitJSON = "eco-digit.json"

    /// The detached signature of `report.json`, offered only when the server signs (`--sign-key`).
    package static let signatureName = "report.json.sig"

    package var contentType: String {
        switch self {
        case .reportJSON, .sciJSON, .blueAngelJSON, .ecoDigitJSON: "application/json"
        case .reportHTML, .blueAngelHTML: "text/html; charset=utf-8"
        case .phasesCSV, .applicationsCSV, .errorBudgetCSV: "text/csv; charset=utf-8"
        case .impactManifest: "application/yaml"
        }
    }

    /// The file's bytes for `report` (run `report.run.id` in `store`).
    package func body(_ report: Report, store: RunStore) throws -> Data {
        switch self {
        case .reportJSON: return try ReportWriter.json(report)
        case .reportHTML: return Data(try HTMLReport.render(report: report, store: store).utf8)
        case .phasesCSV: return Data(CSVWriter.phases(report).utf8)
        case .applicationsCSV: return Data(CSVWriter.applications(report).utf8)
        case .errorBudgetCSV: return Data(CSVWriter.errorBudget(report).utf8)
        case .sciJSON: return try ServeDownload.json(SCIDisclosure(report))
        case .impactManifest: return Data(ImpactManifestWriter.yaml(report).utf8)
        case .blueAngelJSON: return try ServeDownload.json(BlueAngelBuilder.build(report: report, store: store))
        case .blueAngelHTML: return Data(BlueAngelHTML.render(try BlueAngelBuilder.build(report: report, store: store)).utf8)
        case .ecoDigitJSON: return try ServeDownload.json(EcoDigitBuilder.build(report: report, store: store, device: nil))
        }
    }

    /// Pretty JSON with a final newline, as `ecobench report` writes it.
    package static func json<T: Encodable>(_ value: T) throws -> Data {
        var data = try ReportCoding.encoder(pretty: true).encode(value)
        data.append(0x0A)
        return data
    }
}
