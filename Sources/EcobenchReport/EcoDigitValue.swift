/// An input of the ECO:DIGIT model with where it came from: `measured` (ecobench's inventory or a
/// calibrated power profile, read from this machine) or `assumed` (given in the device file, or
/// the reference implementation's default), and the source in words.
public struct EcoDigitValue: Codable, Sendable, Equatable {
    public enum Basis: String, Codable, Sendable {
        case measured, assumed
    }

    public var value: Double
    public var unit: String
    public var basis: Basis
    public var source: String

    public init(_ value: Double, unit: String, basis: Basis, source: String) {
        self.value = value
        self.unit = unit
        self.basis = basis
        self.source = source
    }
}

/// A device's embedded (manufacturing) impact of one category, split over the four resources.
public struct EcoDigitEmbedded: Codable, Sendable {
    public var perResource: EcoDigitPerResource<Double>
    public var unit: String
    public var basis: EcoDigitValue.Basis
    public var source: String

    public init(perResource: EcoDigitPerResource<Double>, unit: String, basis: EcoDigitValue.Basis, source: String) {
        self.perResource = perResource
        self.unit = unit
        self.basis = basis
        self.source = source
    }
}
