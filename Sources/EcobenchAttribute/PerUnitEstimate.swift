/// The one per-unit estimator (energy, CO2e or SCI per functional unit) of every path:
/// applications, SCI, `compare` and rack density (Reports/README.md, "Per functional unit").
///
/// Over n repetitions with amounts E_i (J, g) and units N_i > 0, the estimate is the ratio of
/// sums `R = ΣE / ΣN` (it stays consistent when N varies; the mean of the ratios E_i/N_i does
/// not), with the delta method's variance
///
///     var(R) ≈ (s_E² − 2R·s_EN + R²·s_N²) / (n · N̄²)
///
/// (sample variances and covariance, n − 1) and a 95 % CI `R ± t(0.975, n − 1) · √var(R)`.
/// The numerator is the sample variance of the residuals E_i − R·N_i, so it is never negative.
/// With equal N_i it reduces to the mean of the ratios and its Student's t interval.
public struct PerUnitEstimate: Sendable, Equatable {
    /// Repetitions used: those with finite amount and units > 0.
    public var n: Int
    public var totalAmount: Double
    public var totalUnits: Double
    /// `totalAmount / totalUnits`.
    public var ratio: Double
    /// √var(R) by the delta method; nil with fewer than 2 repetitions.
    public var standardError: Double?
    public var ci95Low: Double?
    public var ci95High: Double?

    public static let estimatorName = "ratio_of_sums"

    /// nil when no repetition has units > 0.
    public init?(amounts: [Double], units: [Double?]) {
        let pairs = zip(amounts, units).compactMap { amount, units -> (Double, Double)? in
            guard let units, units > 0, units.isFinite, amount.isFinite else { return nil }
            return (amount, units)
        }
        guard !pairs.isEmpty else { return nil }
        n = pairs.count
        totalAmount = pairs.reduce(0) { $0 + $1.0 }
        totalUnits = pairs.reduce(0) { $0 + $1.1 }
        ratio = totalAmount / totalUnits
        guard n > 1 else { return }
        let meanUnits = totalUnits / Double(n)
        // s_E² − 2R·s_EN + R²·s_N² is the sample variance of d_i = E_i − R·N_i (Σ d_i = 0).
        let ratio = ratio
        let residualVariance = pairs.reduce(0) { sum, pair in
            let d = pair.0 - ratio * pair.1
            return sum + d * d
        } / Double(n - 1)
        let se = (residualVariance / Double(n)).squareRoot() / meanUnits
        standardError = se
        let half = StudentT.quantile975(degreesOfFreedom: n - 1) * se
        ci95Low = ratio - half
        ci95High = ratio + half
    }

    /// One repetition's amount per unit; nil without units.
    public static func ratio(amount: Double, units: Double?) -> Double? {
        guard let units, units > 0, units.isFinite, amount.isFinite else { return nil }
        return amount / units
    }

    /// As the report's statistics block: `mean` is R (the unit-weighted mean of the ratios),
    /// `sd` the delta method's spread of one repetition (`standardError × √n`).
    public var statistics: SummaryStatistics {
        SummaryStatistics(n: n, mean: ratio, sd: standardError.map { $0 * Double(n).squareRoot() },
                          ci95Low: ci95Low, ci95High: ci95High, estimator: Self.estimatorName)
    }
}
