import Foundation
import EcobenchNet

/// Parsers behind `GridIntensitySeries.load`.
package enum GridIntensityParser {
    package static func parseCSV(_ text: String, file: String, maxStepSeconds: Double) throws -> GridIntensitySeries {
        var points: [GridIntensitySeries.Point] = []
        var lines: [Int] = []
        var sawHeader = false
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            if !sawHeader {
                sawHeader = true
                guard cells.count >= 2, cells[0] == "timestamp", cells[1] == "g_per_kwh" else {
                    throw GridIntensityError(file: file, line: lineNumber, field: nil,
                                             message: "expected the header `timestamp,g_per_kwh`, got `\(line)`")
                }
                continue
            }
            guard cells.count >= 2 else {
                throw GridIntensityError(file: file, line: lineNumber, field: nil, message: "expected 2 columns, got \(cells.count)")
            }
            guard let t = timestamp(cells[0]) else {
                throw GridIntensityError(file: file, line: lineNumber, field: "timestamp",
                                         message: "not an RFC 3339 time or Unix seconds: `\(cells[0])`")
            }
            guard let value = Double(cells[1]), value.isFinite else {
                throw GridIntensityError(file: file, line: lineNumber, field: "g_per_kwh", message: "not a number: `\(cells[1])`")
            }
            if value < 0 {
                throw GridIntensityError(file: file, line: lineNumber, field: "g_per_kwh", message: "must be ≥ 0, got \(cells[1])")
            }
            points.append(.init(unixSeconds: t, gPerKwh: value))
            lines.append(lineNumber)
        }
        try validate(points, lines: lines, file: file, maxStepSeconds: maxStepSeconds)
        return GridIntensitySeries(source: file, zone: nil, points: points,
                                   maxStepSeconds: GridIntensitySeries.defaultMaxStepSeconds)
    }

    package static func parseJSON(_ text: String, file: String, maxStepSeconds: Double) throws -> GridIntensitySeries {
        let document: GridIntensityHistory
        do { document = try JSONDecoder().decode(GridIntensityHistory.self, from: Data(text.utf8)) } catch let error as DecodingError {
            if WireField.isNotJSON(error) {
                throw GridIntensityError(file: file, line: nil, field: nil, message: "not valid JSON: \(error.localizedDescription)")
            }
            let (field, problem, path) = WireField.describe(error)
            // A top-level array's entries are `[i]`: name them as the history's.
            let named = field.hasPrefix("[") ? "history" + field : field
            if path.count <= 1, named == "history" || named == "(document)" {
                throw GridIntensityError(file: file, line: nil, field: "history", message: "expected an array of entries")
            }
            let isEntry = named.hasPrefix("history[") && path.count <= 2
            throw GridIntensityError(file: file, line: nil, field: named, message: isEntry ? "expected an object" : problem)
        }
        var points: [GridIntensitySeries.Point] = []
        for (i, entry) in document.history.enumerated() {
            let field = "history[\(i)]"
            guard let stamp = entry.datetime, let t = timestamp(stamp) else {
                throw GridIntensityError(file: file, line: nil, field: field + ".datetime", message: "missing or not RFC 3339")
            }
            guard let value = entry.carbonIntensity, value.isFinite else {
                throw GridIntensityError(file: file, line: nil, field: field + ".carbonIntensity", message: "missing or not a number")
            }
            if value < 0 {
                throw GridIntensityError(file: file, line: nil, field: field + ".carbonIntensity", message: "must be ≥ 0, got \(value)")
            }
            points.append(.init(unixSeconds: t, gPerKwh: value))
        }
        try validate(points, lines: nil, file: file, maxStepSeconds: maxStepSeconds)
        return GridIntensitySeries(source: file, zone: document.zone, points: points,
                                   maxStepSeconds: GridIntensitySeries.defaultMaxStepSeconds)
    }

    /// Points must be strictly increasing in time and no step longer than `maxStepSeconds`.
    package static func validate(_ points: [GridIntensitySeries.Point], lines: [Int]?, file: String,
                                 maxStepSeconds: Double) throws {
        guard !points.isEmpty else { throw GridIntensityError(file: file, line: nil, field: nil, message: "no data points") }
        for i in 1..<max(1, points.count) where points.count > 1 {
            let step = points[i].unixSeconds - points[i - 1].unixSeconds
            let line = lines?[i]
            let field = lines == nil ? "history[\(i)].datetime" : "timestamp"
            if step <= 0 {
                throw GridIntensityError(file: file, line: line, field: field, message: "timestamps must increase")
            }
            if step > maxStepSeconds {
                throw GridIntensityError(file: file, line: line, field: field,
                                         message: "gap of \(Int(step)) s before this point (at most \(Int(maxStepSeconds)) s allowed)")
            }
        }
    }

    package static func timestamp(_ text: String) -> Double? {
        if let seconds = Double(text), seconds.isFinite { return seconds }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date.timeIntervalSince1970 }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)?.timeIntervalSince1970
    }
}
