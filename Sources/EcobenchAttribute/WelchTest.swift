import Foundation

/// Welch's unequal-variances t-test for two independent samples:
/// `t = (m1 − m2) / √(s1²/n1 + s2²/n2)`, degrees of freedom by Welch–Satterthwaite, and the
/// two-sided p-value from Student's t distribution.
public struct WelchTest: Codable, Sendable, Equatable {
    public var meanDifference: Double
    public var standardError: Double
    public var t: Double
    public var degreesOfFreedom: Double
    public var pValue: Double
    public var ci95Low: Double
    public var ci95High: Double

    /// nil when either sample has fewer than 2 values or both have no spread.
    public init?(_ a: [Double], _ b: [Double]) {
        guard a.count >= 2, b.count >= 2, let sa = SummaryStatistics(a), let sb = SummaryStatistics(b),
              let sda = sa.sd, let sdb = sb.sd else { return nil }
        self.init(meanA: sa.mean, varianceOfMeanA: sda * sda / Double(a.count), degreesOfFreedomA: a.count - 1,
                  meanB: sb.mean, varianceOfMeanB: sdb * sdb / Double(b.count), degreesOfFreedomB: b.count - 1)
    }

    /// Welch's test on two per-unit estimates (`PerUnitEstimate`, ratio of sums): the difference
    /// of the ratios `R_a − R_b`, each ratio's delta-method variance in place of `s²/n`, and
    /// Welch–Satterthwaite degrees of freedom with n − 1 per estimate. With equal units in every
    /// repetition it is the classic test on the per-repetition ratios. nil when either estimate
    /// has fewer than 2 repetitions or both have no spread.
    public init?(_ a: PerUnitEstimate, _ b: PerUnitEstimate) {
        guard a.n >= 2, b.n >= 2, let sea = a.standardError, let seb = b.standardError else { return nil }
        self.init(meanA: a.ratio, varianceOfMeanA: sea * sea, degreesOfFreedomA: a.n - 1,
                  meanB: b.ratio, varianceOfMeanB: seb * seb, degreesOfFreedomB: b.n - 1)
    }

    package init?(meanA: Double, varianceOfMeanA va: Double, degreesOfFreedomA dfa: Int,
                  meanB: Double, varianceOfMeanB vb: Double, degreesOfFreedomB dfb: Int) {
        let se = (va + vb).squareRoot()
        guard se > 0, dfa >= 1, dfb >= 1 else { return nil }
        meanDifference = meanA - meanB
        standardError = se
        t = meanDifference / se
        degreesOfFreedom = (va + vb) * (va + vb) / (va * va / Double(dfa) + vb * vb / Double(dfb))
        pValue = StudentT.twoSidedP(t: t, degreesOfFreedom: degreesOfFreedom)
        let half = StudentT.quantile975(degreesOfFreedom: degreesOfFreedom) * se
        ci95Low = meanDifference - half
        ci95High = meanDifference + half
    }

    public var isSignificant: Bool { pValue < 0.05 }
}
