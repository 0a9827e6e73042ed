import Foundation

/// A linear map from data values to SVG coordinates, with "nice" tick values (1, 2, 5 × 10ⁿ).
package struct SVGChartScale {
    package var domainLow: Double
    package var domainHigh: Double
    package var rangeLow: Double
    package var rangeHigh: Double

    package init(domain: (Double, Double), range: (Double, Double)) {
        var low = domain.0
        var high = domain.1
        if !low.isFinite || !high.isFinite { (low, high) = (0, 1) }
        if high <= low { high = low + (low == 0 ? 1 : abs(low)) }
        domainLow = low
        domainHigh = high
        rangeLow = range.0
        rangeHigh = range.1
    }

    package func callAsFunction(_ value: Double) -> Double {
        rangeLow + (value - domainLow) / (domainHigh - domainLow) * (rangeHigh - rangeLow)
    }

    /// About `count` ticks covering the domain, at multiples of 1, 2 or 5 × 10ⁿ.
    package func ticks(count: Int = 5) -> [Double] {
        let step = Self.niceStep(span: domainHigh - domainLow, count: count)
        var tick = (domainLow / step).rounded(.up) * step
        var out: [Double] = []
        while tick <= domainHigh + step * 1e-9 && out.count < 50 {
            out.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return out
    }

    /// A domain's upper end rounded up to the next nice step (so the top tick closes the axis).
    package static func niceCeiling(_ value: Double, count: Int = 5) -> Double {
        guard value.isFinite, value > 0 else { return 1 }
        let step = niceStep(span: value, count: count)
        return (value / step).rounded(.up) * step
    }

    package static func niceStep(span: Double, count: Int) -> Double {
        guard span > 0, span.isFinite else { return 1 }
        let raw = span / Double(max(1, count))
        let power = pow(10, floor(log10(raw)))
        let fraction = raw / power
        let nice: Double = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        return nice * power
    }

    /// SVG coordinates with two decimals (enough for a 1000-unit view box, and short).
    package static func coordinate(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}
