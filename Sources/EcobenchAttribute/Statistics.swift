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
