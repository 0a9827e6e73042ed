import Foundation
import EcobenchModel
import EcobenchAttribute

/// The run as an Impact Framework manifest (YAML): the values ecobench computed, as `inputs` of
/// one child per application, one entry per repetition's load phase, with IF's parameter names
/// (`energy` kWh, `carbon-operational`, `carbon-embodied`, `carbon` gCO2e, the functional unit,
/// `sci`). No plugin pipeline is declared: the numbers are measured, not modelled by IF.
public enum ImpactManifestWriter {
    public static func yaml(_ report: Report) -> String {
        var lines: [String] = []
        lines.append("name: \(quote("ecobench run \(report.run.id): \(report.run.workload)"))")
        lines.append("description: \(quote(report.run.description + " — measured by ecobench \(report.generator.version), node energy \(report.nodeEnergy.kind.rawValue) (\(report.nodeEnergy.method))"))")
        lines.append("tags:")
        lines.append("  kind: ecobench-measurement")
        lines.append("  functional-unit: \(quote(report.run.functionalUnit))")
        lines.append("initialize:")
        lines.append("  plugins: {}")
        lines.append("tree:")
        lines.append("  children:")
        for app in report.applications {
            lines.append("    \(quote(app.name)):")
            lines.append("      defaults:")
            lines.append("        grid/carbon-intensity: \(number(report.sci.inputs.intensityGPerKwh ?? report.carbon.intensityGPerKwh))")
            lines.append("        device/emissions-embodied: \(number((report.sci.inputs.embodiedKgCo2e ?? 0) * 1000))")
            lines.append("        device/expected-lifespan: \(number(report.sci.inputs.lifetimeYears * SCI.secondsPerYear))")
            lines.append("        resources-reserved: \(number(report.sci.inputs.reservedShare))")
            lines.append("        resources-total: 1")
            lines.append("        functional-unit: \(quote(report.run.functionalUnit))")
            lines.append("      inputs:")
            for rep in report.sci.repetitions {
                let start = Double(report.run.clockStartUnixNs) / 1e9
                    + (report.phases.first { $0.name == .load && $0.repetition == rep.repetition }?.startS ?? 0)
                lines.append("        - timestamp: \(quote(iso(start)))")
                lines.append("          duration: \(number(rep.timeReservedS))")
                lines.append("          energy: \(number(rep.energyKwh))")
                lines.append("          carbon-operational: \(number(rep.operationalG))")
                lines.append("          carbon-embodied: \(number(rep.embodiedG))")
                lines.append("          carbon: \(number(rep.operationalG + rep.embodiedG))")
                lines.append("          \(quote(report.run.functionalUnit)): \(number(rep.functionalUnits))")
                if let sci = rep.sciGPerUnit { lines.append("          sci: \(number(sci))") }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    package static func quote(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            .replacingOccurrences(of: "\n", with: "\\n") + "\""
    }

    package static func number(_ value: Double) -> String {
        value.isFinite ? String(value) : ".nan"
    }

    package static func iso(_ unixSeconds: Double) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: unixSeconds))
    }
}

/// `--format sci`: the SCI disclosure (score, boundary, methodology, R, every input).
public struct SCIDisclosure: Codable, Sendable {
    public var standard = "Software Carbon Intensity, ISO/IEC 21031:2024"
    public var run: Int64
    public var workload: String
    public var functionalUnit: String
    public var scoreGPerUnit: Double?
    public var score: SummaryStatistics?
    /// The SCI's error budget (combined standard and expanded U at k = 2, with its contributions).
    public var errorBudget: ErrorBudget?
    public var boundary: String
    public var methodology: String
    public var nodeEnergy: String
    public var inputs: ReportSCI.Inputs
    public var repetitions: [ReportSCI.Repetition]

    public init(_ report: Report) {
        run = report.run.id
        workload = report.run.workload
        functionalUnit = report.run.functionalUnit
        score = report.sci.scoreGPerUnit
        scoreGPerUnit = report.sci.scoreGPerUnit?.mean
        errorBudget = report.errorBudgets?.first { $0.figure == .sci }
        boundary = report.sci.boundary
        methodology = report.sci.method
        nodeEnergy = "\(report.nodeEnergy.kind.rawValue): \(report.nodeEnergy.method)"
        inputs = report.sci.inputs
        repetitions = report.sci.repetitions
    }
}
