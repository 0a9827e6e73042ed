import Foundation

/// Mean, sample standard deviation and the 95 % confidence interval of a mean
/// (`mean ± t(0.975, n-1) · s / √n`) over repetitions.
public struct SummaryStatistics: Codable, Sendable, Equatable {
    public var n: Int
    public var mean: Double
    /// Sample standard deviation (n − 1).
    public var sd: Double?
    public var ci95Low: Double?
    public var ci95High: Double?
    /// How `mean` was estimated where it is not the plain mean of repetitions: `ratio_of_sums`
    /// for per-unit figures (`PerUnitEstimate`: ΣE/ΣN with a delta-method CI); absent for a plain mean.
    public var estimator: String?

    public init(n: Int, mean: Double, sd: Double?, ci95Low: Double?, ci95High: Double?, estimator: String? = nil) {
        self.n = n
        self.mean = mean
        self.sd = sd
        self.ci95Low = ci95Low
        self.ci95High = ci95High
        self.estimator = estimator
    }

    public init?(_ values: [Double]) {
        let finite = values.filter(\.isFinite)
        guard !finite.isEmpty else { return nil }
        n = finite.count
        mean = finite.reduce(0, +) / Double(n)
        guard n > 1 else { return }
        let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n - 1)
        let sd = variance.squareRoot()
        self.sd = sd
        let half = StudentT.quantile975(degreesOfFreedom: n - 1) * sd / Double(n).squareRoot()
        ci95Low = mean - half
        ci95High = mean + half
    }

    /// Relative standard deviation (sd / mean), when defined.
    public var relativeStandardDeviation: Double? {
        guard let sd, mean != 0 else { return nil }
        return sd / abs(mean)
    }
}

/// Two-sided 95 % quantiles of Student's t distribution, t(0.975, df).
public enum StudentT {
    /// Values for df 1…30 (standard statistical tables).
    static let table: [Double] = [
        12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
        2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
        2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
    ]

    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        if df < 1 { return .nan }
        if df <= table.count { return table[df - 1] }
        // Beyond the table: Cornish–Fisher expansion around the normal quantile (error < 0.001).
        let z = 1.959963984540054
        let d = Double(df)
        return z + (z * z * z + z) / (4 * d)
            + (5 * pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * d * d)
    }
}
