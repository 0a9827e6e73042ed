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

    init?(meanA: Double, varianceOfMeanA va: Double, degreesOfFreedomA dfa: Int,
          meanB: Double, varianceOfMeanB vb: Double, degreesOfFreedomB dfb: Int) {
        let se = (va + vb).squareRoot()
        guard se > 0, dfa >= 1, dfb >= 1 else { return nil }
        meanDifference = meanA - meanB
        standardError = se
        t = meanDifference / se
        degreesOfFreedom = (va + vb) * (va + vb) / (va * va / Double(dfa) + vb * vb / Double(dfb))
        pValue = StudentT.twoSidedP(t: t, degreesOfFreedom: degreesOfFreedom)
        let half = StudentT.quantile975(fractionalDegreesOfFreedom: degreesOfFreedom) * se
        ci95Low = meanDifference - half
        ci95High = meanDifference + half
    }

    public var isSignificant: Bool { pValue < 0.05 }
}

extension StudentT {
    /// Two-sided p-value: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).
    public static func twoSidedP(t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, t.isFinite else { return t.isFinite ? 1 : 0 }
        return IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
    }

    /// t(0.975, df) for fractional df (Welch): solved from the p-value by bisection.
    public static func quantile975(fractionalDegreesOfFreedom df: Double) -> Double {
        var low = 0.0
        var high = 100.0
        for _ in 0..<100 {
            let mid = (low + high) / 2
            if twoSidedP(t: mid, degreesOfFreedom: df) > 0.05 { low = mid } else { high = mid }
        }
        return (low + high) / 2
    }
}

/// The regularized incomplete beta function I_x(a, b), by its continued fraction (Lentz).
public enum IncompleteBeta {
    public static func regularized(x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let logBeta: Double = lgamma(a + b) - lgamma(a) - lgamma(b)
        let logPowers: Double = a * log(x) + b * log(1 - x)
        let logFront = logBeta + logPowers
        if x < (a + 1) / (a + b + 2) {
            return exp(logFront) * continuedFraction(x: x, a: a, b: b) / a
        }
        return 1 - exp(logFront) * continuedFraction(x: 1 - x, a: b, b: a) / b
    }

    static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        var c = 1.0
        var d = 1 - (a + b) * x / (a + 1)
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...300 {
            let m = Double(m)
            var aa = m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-15 { break }
        }
        return h
    }
}
