import EcobenchAttribute

/// Whether the repetitions agree well enough to publish: the relative standard deviation of
/// energy per functional unit (flagged above `rsdThreshold`, default 3 %, as the Green Metrics
/// Tool does) and outlier repetitions — a repetition more than `outlierSigmas` (4) standard
/// deviations of the *other* repetitions away from their mean (leave-one-out, so one wild value
/// cannot hide itself by inflating the spread; needs at least 4 repetitions).
public struct ReportQuality: Codable, Sendable {
    public static let rsdThreshold = 0.03
    public static let outlierSigmas = 4.0

    public var energyPerUnitRsd: Double?
    public var rsdThreshold: Double
    public var flagged: Bool
    public var outlierRepetitions: [Int]
    public var suggestion: String?

    package static func assess(_ app: ReportApplication?) -> ReportQuality {
        let reps = app?.repetitions.compactMap { r in r.energyPerUnitJ.map { (r.repetition, $0) } } ?? []
        let rsd = SummaryStatistics(reps.map(\.1))?.relativeStandardDeviation
        var outliers: [Int] = []
        if reps.count >= 4 {
            for (i, (repetition, value)) in reps.enumerated() {
                var others = reps.map(\.1)
                others.remove(at: i)
                guard let stats = SummaryStatistics(others), let sd = stats.sd, sd > 0 else { continue }
                if abs(value - stats.mean) > outlierSigmas * sd { outliers.append(repetition) }
            }
        }
        let flagged = (rsd ?? 0) > rsdThreshold || !outliers.isEmpty
        var suggestion: String?
        if flagged {
            var parts: [String] = []
            if let rsd, rsd > rsdThreshold {
                let needed = Int((Double(reps.count) * (rsd / rsdThreshold) * (rsd / rsdThreshold)).rounded(.up))
                parts.append(String(format: "energy per unit varies by %.1f %% (RSD) across repetitions, above %.0f %%: "
                                    + "check the machine is quiet (ecobench check) and run more repetitions (about %d "
                                    + "for the same confidence at this spread)", rsd * 100, rsdThreshold * 100, needed))
            }
            if !outliers.isEmpty {
                parts.append("repetition(s) \(outliers.map(String.init).joined(separator: ", ")) lie more than 4 σ from the others")
            }
            suggestion = parts.joined(separator: "; ")
        }
        return ReportQuality(energyPerUnitRsd: rsd, rsdThreshold: rsdThreshold, flagged: flagged,
                             outlierRepetitions: outliers, suggestion: suggestion)
    }
}
