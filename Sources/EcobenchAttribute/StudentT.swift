import Foundation

/// Student's t distribution: the two-sided p-value and the 95 % two-sided quantile t(0.975, df),
/// for integer degrees of freedom (n − 1 of a sample: `SummaryStatistics`, `PerUnitEstimate`) and
/// fractional ones (Welch–Satterthwaite: `WelchTest`). One implementation: the quantile is solved
/// from the p-value, which is the regularized incomplete beta function. Exact to ~1e-12, unlike a
/// three-decimal table (which rounded t(0.975, 1) = 12.7062 to 12.706).
public enum StudentT {
    /// Two-sided p-value: P(|T| ≥ |t|) = I_{df/(df+t²)}(df/2, 1/2).
    public static func twoSidedP(t: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, t.isFinite else { return t.isFinite ? 1 : 0 }
        return IncompleteBeta.regularized(x: df / (df + t * t), a: df / 2, b: 0.5)
    }

    /// t(0.975, df): the t with a two-sided p-value of 0.05; NaN for df ≤ 0 or not finite.
    public static func quantile975(degreesOfFreedom df: Double) -> Double {
        quantile(twoSidedP: 0.05, degreesOfFreedom: df)
    }

    /// t(0.975, df) for a sample's n − 1 degrees of freedom; NaN for df < 1.
    public static func quantile975(degreesOfFreedom df: Int) -> Double {
        df < 1 ? .nan : quantile975(degreesOfFreedom: Double(df))
    }

    /// The t ≥ 0 whose two-sided p-value is `p` (0 < p < 1), by bisection on the p-value
    /// (which falls monotonically in t).
    public static func quantile(twoSidedP p: Double, degreesOfFreedom df: Double) -> Double {
        guard df > 0, df.isFinite, p > 0, p < 1 else { return .nan }
        var low = 0.0
        var high = 16.0
        // Heavy tails at small df: widen until the p-value at `high` is below p.
        while twoSidedP(t: high, degreesOfFreedom: df) > p {
            low = high
            high *= 2
            if high > 1e300 { return .infinity }
        }
        for _ in 0..<200 {
            let mid = (low + high) / 2
            if mid == low || mid == high { break }
            if twoSidedP(t: mid, degreesOfFreedom: df) > p { low = mid } else { high = mid }
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

    package static func continuedFraction(x: Double, a: Double, b: Double) -> Double {
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
