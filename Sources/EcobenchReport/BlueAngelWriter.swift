import Foundation
import EcobenchModel
import EcobenchStore

extension ReportWriter {
    /// Writes the Blue Angel measurement report into `directory`: `blue-angel.json`,
    /// `blue-angel.html` (prints to PDF), the raw samples annex and the scenario log annex. Returns the files written.
    public func writeBlueAngel(_ report: Report, to directory: String) throws -> (files: [String], report: BlueAngelReport) {
        let blueAngel = try BlueAngelBuilder.build(report: report, store: store)
        try ensureDirectory(directory)
        let json = directory + "/blue-angel.json", html = directory + "/blue-angel.html"
        let samples = directory + "/" + blueAngel.annex.samplesCsv
        var data = try ReportCoding.encoder(pretty: true).encode(blueAngel)
        data.append(0x0A)
        try save(data, to: json)
        try save(Data(BlueAngelHTML.render(blueAngel).utf8), to: html)
        try CSVWriter.writeSamples(store: store, runID: report.run.id, to: samples)
        let log = directory + "/" + blueAngel.annex.scenarioLogCsv
        try save(Data(BlueAngelScenarioLog.csv(blueAngel.scenarioLog, runID: report.run.id).utf8), to: log)
        return ([json, html, samples, log], blueAngel)
    }
}
