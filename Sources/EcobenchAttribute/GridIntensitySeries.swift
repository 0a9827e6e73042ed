import Foundation

/// Grid carbon intensity over time, read from a file: a CSV `timestamp,g_per_kwh` or the JSON of
/// Electricity Maps' `carbon-intensity/history` (`{"zone", "history": [{"carbonIntensity",
/// "datetime", ...}]}`). Each value holds from its timestamp until the next one.
public struct GridIntensitySeries: Codable, Sendable, Equatable {
    public struct Point: Codable, Sendable, Equatable {
        public var unixSeconds: Double
        public var gPerKwh: Double
    }

    public var source: String
    public var zone: String?
    public var points: [Point]
    /// The longest a value may stand for before the series counts as having a gap.
    public var maxStepSeconds: Double

    public static let defaultMaxStepSeconds = 2 * 3600.0

    /// The intensity in effect at `unixSeconds` (the last point at or before it).
    public func intensity(atUnixSeconds t: Double) -> Double? {
        guard let first = points.first, t >= first.unixSeconds else { return nil }
        var low = 0
        var high = points.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if points[mid].unixSeconds <= t { low = mid } else { high = mid - 1 }
        }
        return points[low].gPerKwh
    }

    /// Checks that the series covers `[start, end]` without a step longer than allowed.
    public func checkCoverage(startUnixSeconds: Double, endUnixSeconds: Double) throws {
        guard let first = points.first, let last = points.last else {
            throw GridIntensityError(file: source, line: nil, field: nil, message: "no data points")
        }
        if first.unixSeconds > startUnixSeconds {
            throw GridIntensityError(file: source, line: nil, field: "timestamp",
                                     message: "series starts at \(iso(first.unixSeconds)), after the run started at \(iso(startUnixSeconds))")
        }
        if endUnixSeconds - last.unixSeconds > maxStepSeconds {
            throw GridIntensityError(file: source, line: nil, field: "timestamp",
                                     message: "series ends at \(iso(last.unixSeconds)), more than \(Int(maxStepSeconds)) s before the run ended at \(iso(endUnixSeconds))")
        }
    }

    public func iso(_ t: Double) -> String {
        ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: t))
    }

    /// Reads a CSV or Electricity Maps JSON file; every problem names file, line and field.
    public static func load(path: String, maxStepSeconds: Double = defaultMaxStepSeconds) throws -> GridIntensitySeries {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw GridIntensityError(file: path, line: nil, field: nil, message: "cannot read the file")
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        var series = trimmed.hasPrefix("{") || trimmed.hasPrefix("[")
            ? try GridIntensityParser.parseJSON(trimmed, file: path, maxStepSeconds: maxStepSeconds)
            : try GridIntensityParser.parseCSV(text, file: path, maxStepSeconds: maxStepSeconds)
        series.maxStepSeconds = maxStepSeconds
        return series
    }
}

public struct GridIntensityError: Error, CustomStringConvertible, Sendable {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + message
    }

    package init(file: String, line: Int? = nil, field: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }
}
