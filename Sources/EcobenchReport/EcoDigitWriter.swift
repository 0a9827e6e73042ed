import Foundation
import EcobenchModel

extension ReportWriter {
    /// Writes `eco-digit.json` into `directory`; returns the files written and the section.
    public func writeEcoDigit(_ report: Report, device: EcoDigitDeviceSpec?, to directory: String) throws
        -> (files: [String], report: EcoDigitReport) {
        let ecoDigit = try EcoDigitBuilder.build(report: report, store: store, device: device)
        try ensureDirectory(directory)
        let json = directory + "/eco-digit.json"
        var data = try ReportCoding.encoder(pretty: true).encode(ecoDigit)
        data.append(0x0A)
        try save(data, to: json)
        return ([json], ecoDigit)
    }
}
