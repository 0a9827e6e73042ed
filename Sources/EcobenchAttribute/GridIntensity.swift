/// Carbon intensity of electricity used to turn energy into CO2e, with where the value came from.
public struct GridIntensity: Codable, Sendable, Equatable {
    /// Grams of CO2-equivalent per kWh.
    public var intensityGPerKwh: Double
    /// `assumed` for a table default, `user-supplied` for --grid-intensity.
    public var provenance: String
    public var source: String
    public var zone: String?

    /// CO2e in grams for `joules` of electricity.
    public func co2eGrams(joules: Double) -> Double {
        joules / 3.6e6 * intensityGPerKwh
    }

    /// Lifecycle (all gases, CO2e over 100 years) average carbon intensity of electricity
    /// generation in 2023, from Ember's Yearly Electricity Data (2024 release), as published by
    /// Our World in Data (grapher "carbon-intensity-electricity"). Location-based averages: the
    /// kind SCI (ISO/IEC 21031) allows; no market-based figures.
    public static let countryTable: [String: Double] = [
        "AT": 111, "BE": 138, "BG": 335, "CY": 534, "CZ": 450, "DE": 381, "DK": 152, "EE": 417,
        "FI": 79, "FR": 56, "GR": 337, "HR": 205, "HU": 204, "IE": 291, "PL": 662, "SE": 41,
        "EU": 244, "WORLD": 481,
    ]

    public static let tableSource = "Ember, Yearly Electricity Data 2023 (lifecycle gCO2e/kWh), via Our World in Data"

    /// The default when neither --country nor --grid-intensity is given.
    public static let defaultZone = "WORLD"

    public static func forCountry(_ code: String) -> GridIntensity? {
        let key = code.uppercased()
        guard let value = countryTable[key] else { return nil }
        return GridIntensity(intensityGPerKwh: value, provenance: "assumed",
                             source: "\(tableSource), zone \(key)", zone: key)
    }

    public static func userSupplied(_ intensityGPerKwh: Double) -> GridIntensity {
        GridIntensity(intensityGPerKwh: intensityGPerKwh, provenance: "user-supplied",
                      source: "--grid-intensity \(intensityGPerKwh)", zone: nil)
    }
}
