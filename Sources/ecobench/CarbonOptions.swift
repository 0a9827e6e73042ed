import ArgumentParser
import EcobenchCore

/// `--grid-intensity` or `--country`: how energy becomes CO2e.
struct CarbonOptions: ParsableArguments {
    @Option(help: "Grid carbon intensity in gCO2e/kWh (overrides --country).")
    var gridIntensity: Double?

    @Option(help: "Country or zone for the default intensity table (\(GridIntensity.countryTable.keys.sorted().joined(separator: ", "))).")
    var country: String?

    func validate() throws {
        if let gridIntensity, !(gridIntensity >= 0 && gridIntensity.isFinite) {
            throw ValidationError("--grid-intensity must be a number of gCO2e/kWh ≥ 0, got \(gridIntensity)")
        }
        if let country, GridIntensity.forCountry(country) == nil {
            throw ValidationError("--country \(country) is not in the table; known: "
                                  + GridIntensity.countryTable.keys.sorted().joined(separator: ", ")
                                  + " (or give --grid-intensity)")
        }
    }

    /// The chosen intensity, or nil when neither option was given.
    var explicit: GridIntensity? {
        if let gridIntensity { return .userSupplied(gridIntensity) }
        return country.flatMap(GridIntensity.forCountry)
    }

    var resolved: GridIntensity {
        explicit ?? GridIntensity.forCountry(GridIntensity.defaultZone)
            ?? .userSupplied(0)
    }
}
