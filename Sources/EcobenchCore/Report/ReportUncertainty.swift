/// The uncertainty of a headline figure, from its parts: the energy source's own relative
/// uncertainty (sensor resolution is negligible for RAPL's µJ counters and BMC readings against
/// the model error of an estimate) and the spread across repetitions (95 % CI half-width over
/// the mean), combined in quadrature as independent relative errors.
public struct ReportUncertainty: Codable, Sendable {
    public var sourceRelative: Double?
    public var repetitionsCi95Relative: Double?
    public var combinedRelative: Double?
    /// `energy_per_unit_j` ± this many joules (95 % level for the spread part).
    public var energyPerUnitPlusMinusJ: Double?

    static func forApplication(_ app: ReportApplication, source: Double?) -> ReportUncertainty {
        var spread: Double?
        if let stats = app.statistics.energyPerUnitJ, let high = stats.ci95High, stats.mean != 0 {
            spread = (high - stats.mean) / abs(stats.mean)
        }
        let parts = [source, spread].compactMap { $0 }
        let combined = parts.isEmpty ? nil : parts.reduce(0) { $0 + $1 * $1 }.squareRoot()
        return ReportUncertainty(sourceRelative: source, repetitionsCi95Relative: spread, combinedRelative: combined,
                                 energyPerUnitPlusMinusJ: combined.flatMap { c in app.energyPerUnitJ.map { c * $0 } })
    }
}
