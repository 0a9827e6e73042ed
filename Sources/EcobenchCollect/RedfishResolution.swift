import Foundation

/// One step of a Redfish reading, in the reading's own unit, and how ecobench knows it.
///
/// Two kinds of evidence; the coarser step wins, so a doubtful counter loses against the watts:
/// - the decimals of the value as the service wrote it (its shortest form): a value shown
///   with d decimals cannot resolve less than 10^−d (325675 → 1; 1234.5678 → 0.0001). A counter
///   whose last decimals happen to be zeros (1234.560 written 1234.56) looks coarser than it is:
///   the error goes towards the watts reading, never towards a coarse counter;
/// - a `Sensor`'s `Precision`, "the number of significant digits in the reading" (DMTF
///   `Sensor` schema v1.12): p digits of a value v ≠ 0 resolve 10^(⌊log10 |v|⌋ − p + 1).
public struct RedfishResolution: Sendable, Hashable, CustomStringConvertible {
    /// One step, in the reading's unit (kWh for an `EnergykWh` counter).
    public var step: Double
    /// In words: "325675 shows 0 decimals", "Precision 4 significant digits of 7855".
    public var source: String

    public init(step: Double, source: String) {
        self.step = step
        self.source = source
    }

    public var description: String { "\(step) (\(source))" }

    /// The step of `value` as written, made coarser by `precision` (significant digits) when given.
    public static func of(value: Double, precision: Double?) -> RedfishResolution {
        let decimals = decimalsShown(value)
        var result = RedfishResolution(step: pow(10, -Double(decimals)),
                                       source: "\(text(value)) shows \(decimals) decimal\(decimals == 1 ? "" : "s")")
        if let precision, precision >= 1, value != 0, value.isFinite {
            let step = pow(10, (log10(abs(value))).rounded(.down) - precision.rounded(.down) + 1)
            if step > result.step {
                result = RedfishResolution(step: step, source: "Precision \(text(precision)) significant digits of \(text(value))")
            }
        }
        return result
    }

    /// Decimals of the shortest form of `value`: 325675 → 0, 12.25 → 2, 1e-05 → 5.
    package static func decimalsShown(_ value: Double) -> Int {
        guard value.isFinite else { return 0 }
        let written = String(describing: value).lowercased()
        let parts = written.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        let mantissa = parts.first.map(String.init) ?? written
        var fraction = mantissa.split(separator: ".", maxSplits: 1).dropFirst().first.map(String.init) ?? ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        return max(0, fraction.count - exponent)
    }

    package static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
