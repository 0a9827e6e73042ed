/// Impact factors of electricity beyond CO2e, per kWh of final electricity, from Boavizta's
/// `electricity_impact_factors.csv` (BoaviztAPI): primary energy (PE, MJ/kWh: ADPf ÷ (1 −
/// renewable share), ADEME Base IMPACTS 2011 and IRENA 2016) and abiotic depletion of elements
/// (ADPe, kg Sb eq/kWh, ADEME Base IMPACTS 2011). Water: on-site data-centre water use
/// (WUE) of 1.8 L/kWh, the US average of Shehabi et al. (2016), *United States Data Center
/// Energy Usage Report*, LBNL-1005775; water used to generate the electricity is not included.
/// WUE (The Green Grid, WP#35) is litres per kWh of IT energy: water = E_IT × WUE, no PUE.
public enum ImpactFactors {
    public struct Electricity: Sendable, Equatable {
        public var primaryEnergyMJPerKwh: Double
        public var adpeKgSbEqPerKwh: Double
    }

    public static let electricity: [String: Electricity] = [
        "WORLD": .init(primaryEnergyMJPerKwh: 9.984, adpeKgSbEqPerKwh: 7.38e-8),
        "EU": .init(primaryEnergyMJPerKwh: 12.874, adpeKgSbEqPerKwh: 6.42e-8),
        "AT": .init(primaryEnergyMJPerKwh: 11.036, adpeKgSbEqPerKwh: 1.411e-7),
        "BE": .init(primaryEnergyMJPerKwh: 10.776, adpeKgSbEqPerKwh: 3.37e-8),
        "BG": .init(primaryEnergyMJPerKwh: 14.375, adpeKgSbEqPerKwh: 8.24e-8),
        "CY": .init(primaryEnergyMJPerKwh: 13.118, adpeKgSbEqPerKwh: 4.49e-8),
        "CZ": .init(primaryEnergyMJPerKwh: 12.517, adpeKgSbEqPerKwh: 8.18e-8),
        "DE": .init(primaryEnergyMJPerKwh: 16.26, adpeKgSbEqPerKwh: 8.79e-8),
        "DK": .init(primaryEnergyMJPerKwh: 16.824, adpeKgSbEqPerKwh: 1.57e-8),
        "EE": .init(primaryEnergyMJPerKwh: 16.334, adpeKgSbEqPerKwh: 9.9e-8),
        "FI": .init(primaryEnergyMJPerKwh: 11.275, adpeKgSbEqPerKwh: 8.05e-8),
        "FR": .init(primaryEnergyMJPerKwh: 11.289, adpeKgSbEqPerKwh: 4.86e-8),
        "GR": .init(primaryEnergyMJPerKwh: 14.487, adpeKgSbEqPerKwh: 6.92e-8),
        "HR": .init(primaryEnergyMJPerKwh: 18.548, adpeKgSbEqPerKwh: 1.54e-7),
        "HU": .init(primaryEnergyMJPerKwh: 11.784, adpeKgSbEqPerKwh: 6.45e-8),
        "IE": .init(primaryEnergyMJPerKwh: 10.706, adpeKgSbEqPerKwh: 2.19e-8),
        "PL": .init(primaryEnergyMJPerKwh: 13.178, adpeKgSbEqPerKwh: 1.019e-7),
        "SE": .init(primaryEnergyMJPerKwh: 11.026, adpeKgSbEqPerKwh: 7.77e-8),
    ]

    public static let electricitySource = "Boavizta electricity_impact_factors.csv (PE: ADEME Base IMPACTS 2011 ADPf ÷ (1 − IRENA 2016 renewable share); ADPe: ADEME Base IMPACTS 2011)"
    public static let waterLitresPerKwh = 1.8
    public static let waterSource = "assumed: on-site WUE 1.8 L per kWh of IT energy, before PUE (The Green Grid WUE; US average, Shehabi et al. 2016, LBNL-1005775); generation water not included"
}

/// Impacts of the application per functional unit and in total, use phase and embodied.
public struct ReportImpacts: Codable, Sendable {
    public var zone: String
    public var electricitySource: String
    public var waterSource: String
    /// The host's whole-life embodied PE and ADPe, their provenance and the share charged.
    public var embodied: Embodied
    public var perUnit: Figures?
    public var total: Figures
    public var notes: [String]

    /// Each category is use phase + embodied, with the embodied part beside it; water is the
    /// use phase only (embodied water is not assessed, see `embodied.water_provenance`).
    public struct Figures: Codable, Sendable {
        public var gwpG: Double
        public var gwpEmbodiedG: Double
        public var primaryEnergyMj: Double
        public var primaryEnergyEmbodiedMj: Double
        public var adpeKgSbEq: Double
        public var adpeEmbodiedKgSbEq: Double
        public var waterM3: Double

        package init(gwpG: Double, gwpEmbodiedG: Double, primaryEnergyMj: Double, primaryEnergyEmbodiedMj: Double,
                     adpeKgSbEq: Double, adpeEmbodiedKgSbEq: Double, waterM3: Double) {
            self.gwpG = gwpG
            self.gwpEmbodiedG = gwpEmbodiedG
            self.primaryEnergyMj = primaryEnergyMj
            self.primaryEnergyEmbodiedMj = primaryEnergyEmbodiedMj
            self.adpeKgSbEq = adpeKgSbEq
            self.adpeEmbodiedKgSbEq = adpeEmbodiedKgSbEq
            self.waterM3 = waterM3
        }
    }

    package init(zone: String, electricitySource: String, waterSource: String, embodied: Embodied,
                 perUnit: Figures? = nil, total: Figures, notes: [String]) {
        self.zone = zone
        self.electricitySource = electricitySource
        self.waterSource = waterSource
        self.embodied = embodied
        self.perUnit = perUnit
        self.total = total
        self.notes = notes
    }
}
