import Foundation

/// Numbers as the HTML report prints them: four significant digits, an SI prefix where the
/// unit takes one (J, W, g), and always the unit, joined by a no-break space.
public enum HTMLNumberFormat {
    package static let space = "\u{00A0}"
    package static let prefixedUnits: Set<Character> = ["J", "W", "g"]
    package static let prefixes: [(scale: Double, symbol: String)] = [
        (1e9, "G"), (1e6, "M"), (1e3, "k"), (1, ""), (1e-3, "m"), (1e-6, "µ"), (1e-9, "n"),
    ]

    /// `significant` digits, without an exponent between 1e-4 and 1e6 (`%g` beyond).
    public static func number(_ value: Double, significant: Int = 4) -> String {
        guard value.isFinite else { return "–" }
        if value == 0 { return "0" }
        let magnitude = abs(value)
        if magnitude >= 1e6 || magnitude < 1e-4 { return String(format: "%.\(significant)g", value) }
        let decimals = max(0, significant - 1 - Int(floor(log10(magnitude))))
        var text = String(format: "%.\(decimals)f", value)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text
    }

    /// `quantity(0.001475, "J/bogo-op")` → `1.475 mJ/bogo-op`; units without an SI prefix
    /// (`s`, `Cel`, `gCO2e/kWh`) print the plain number.
    public static func quantity(_ value: Double?, _ unit: String) -> String {
        guard let value, value.isFinite else { return "–" }
        let prefix = prefixFor(value, unit: unit)
        return number(value / prefix.scale) + space + prefix.symbol + unit
    }

    /// The SI prefix `quantity` would use for `value` in `unit` (scale 1 and no symbol for units
    /// that take none), so an axis can be labelled `mJ/bogo-op` with ticks 0…1.5.
    public static func prefixFor(_ value: Double, unit: String) -> (scale: Double, symbol: String) {
        guard let first = unit.first, prefixedUnits.contains(first), unit != "gCO2e/kWh",
              value.isFinite, value != 0 else { return (1, "") }
        return prefixes.first { abs(value) >= $0.scale * 0.99995 } ?? prefixes[prefixes.count - 1]
    }

    /// `0.5` → `50 %`.
    public static func percent(_ fraction: Double?) -> String {
        guard let fraction, fraction.isFinite else { return "–" }
        return number(fraction * 100, significant: 3) + space + "%"
    }

    /// `±50 %` for a relative uncertainty, or "unknown".
    public static func uncertainty(_ relative: Double?) -> String {
        guard let relative else { return "unknown" }
        return "±" + percent(relative)
    }

    /// Bytes in binary units: `8.1 GiB`.
    public static func bytes(_ value: Double) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var scaled = value
        var index = 0
        while abs(scaled) >= 1024 && index < units.count - 1 {
            scaled /= 1024
            index += 1
        }
        return number(scaled, significant: 3) + space + units[index]
    }
}
