import Foundation

/// One DCMI power reading (DCMI 1.5 "Get Power Reading"), parsed from the text of
/// `ipmitool dcmi power reading` or FreeIPMI `ipmi-dcmi --get-system-power-statistics`.
public struct IPMIPowerReading: Sendable, Equatable {
    public enum Tool: String, Sendable {
        case ipmitool
        case freeIPMI
    }

    public var tool: Tool
    public var instantaneousWatts: Double
    public var minimumWatts: Double?
    public var maximumWatts: Double?
    public var averageWatts: Double?
    /// The BMC's timestamp, verbatim (ipmitool: "Thu Jan  1 00:15:32 1970").
    public var bmcTimestamp: String?
    /// The sampling (statistics) period in seconds.
    public var samplingPeriodSeconds: Double?

    public init(tool: Tool, instantaneousWatts: Double, minimumWatts: Double? = nil,
                maximumWatts: Double? = nil, averageWatts: Double? = nil,
                bmcTimestamp: String? = nil, samplingPeriodSeconds: Double? = nil) {
        self.tool = tool
        self.instantaneousWatts = instantaneousWatts
        self.minimumWatts = minimumWatts
        self.maximumWatts = maximumWatts
        self.averageWatts = averageWatts
        self.bmcTimestamp = bmcTimestamp
        self.samplingPeriodSeconds = samplingPeriodSeconds
    }

    /// Parses either tool's output: lines `key : value`, any spacing; unknown lines ignored.
    /// A deactivated reading or a known line without a number is a typed error.
    public static func parse(ipmitoolOutput output: String) throws -> IPMIPowerReading {
        var reading = IPMIPowerReading(tool: .ipmitool, instantaneousWatts: .nan)
        var sawInstantaneous = false
        for rawLine in output.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].split(whereSeparator: \.isWhitespace).joined(separator: " ").lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "instantaneous power reading", "current power":
                reading.tool = key == "current power" ? .freeIPMI : .ipmitool
                reading.instantaneousWatts = try number(in: value, line: line)
                sawInstantaneous = true
            case "minimum during sampling period", "minimum power over sampling duration":
                reading.minimumWatts = try number(in: value, line: line)
            case "maximum during sampling period", "maximum power over sampling duration":
                reading.maximumWatts = try number(in: value, line: line)
            case "average power reading over sample period", "average power over sampling duration":
                reading.averageWatts = try number(in: value, line: line)
            case "ipmi timestamp", "time stamp":
                reading.bmcTimestamp = value.isEmpty ? nil : value
            case "sampling period", "statistics reporting time period":
                let amount = try number(in: value, line: line)
                reading.samplingPeriodSeconds = value.lowercased().contains("milli") ? amount / 1000 : amount
            case "power reading state is", "power measurement":
                let state = value.lowercased()
                if state.hasPrefix("deactivated") || state.hasPrefix("inactive") || state.hasPrefix("not available") {
                    throw IPMIError.readingDeactivated(line: line)
                }
            default:
                continue
            }
        }
        guard sawInstantaneous else {
            let start = output.split(whereSeparator: \.isNewline).prefix(2).joined(separator: " | ")
            throw IPMIError.noPowerReading(outputStart: String(start.prefix(120)))
        }
        return reading
    }

    /// FreeIPMI's output goes through the same parser; the name reads better at call sites.
    public static func parse(freeIPMIOutput output: String) throws -> IPMIPowerReading {
        try parse(ipmitoolOutput: output)
    }

    /// The first whitespace-separated token of `value` as a number ("00000001" → 1).
    private static func number(in value: String, line: String) throws -> Double {
        guard let token = value.split(whereSeparator: \.isWhitespace).first,
              let number = Double(token), number.isFinite else {
            throw IPMIError.missingNumber(line: line)
        }
        return number
    }
}
