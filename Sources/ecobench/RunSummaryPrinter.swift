import EcobenchCore
import Foundation

/// The few lines `ecobench run` prints when it ends: headline figures and where the report is.
enum RunSummaryPrinter {
    static func print(_ outcome: RunOutcome, database: String, quiet: Bool) {
        guard let id = outcome.runID else { return }
        var lines: [String] = []
        lines.append("run \(id): \(outcome.status.rawValue)" + (outcome.error.map { " (\($0))" } ?? ""))
        if let report = outcome.report {
            let kind = report.totals.nodeEnergyKind.rawValue
            lines.append(String(format: "node energy %.1f J (%@: %@)", report.totals.nodeEnergyJ, kind,
                                report.nodeEnergy.method))
            for app in report.applications {
                var line = String(format: "%@: %.2f J attributed, %.1f %@", app.name, app.energyJ,
                                  app.functionalUnits, app.functionalUnit)
                if let perUnit = app.energyPerUnitJ {
                    line += String(format: ", %.4g J per %@", perUnit, app.functionalUnit)
                    if let stats = app.statistics.energyPerUnitJ, let low = stats.ci95Low, let high = stats.ci95High {
                        line += String(format: " (95 %% CI %.4g to %.4g over %d repetitions)", low, high, stats.n)
                    }
                }
                lines.append(line)
            }
            lines.append(String(format: "CO2e %.4g g at %.0f g/kWh (%@)", report.totals.co2eG,
                                report.carbon.intensityGPerKwh, report.carbon.source))
        }
        for file in outcome.reportFiles { lines.append("report: \(file)") }
        lines.append("database: \(database)")
        if quiet && outcome.status == .completed {
            // Even quiet runs say where the report is: it is the command's result.
            FileHandle.standardOutput.write(Data((outcome.reportFiles.first.map { $0 + "\n" } ?? "").utf8))
            return
        }
        FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}
