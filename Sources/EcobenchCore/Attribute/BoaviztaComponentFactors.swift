/// Manufacturing impacts of server components: primary energy (PE, MJ), abiotic depletion of
/// elements (ADPe, kg Sb eq) and global warming (GWP, kg CO2e), as published by Boavizta for
/// BoaviztAPI and used here as data:
/// - values: `boaviztapi/data/factors.yml` in github.com/Boavizta/boaviztapi at commit
///   1ab707fbc0e2fe579f6a44edcdeeef946e52bf3a (the CPU die factors there are per mm²: 0.0197,
///   0.2650, 5.80e-09, i.e. 1.97, 26.50, 5.80e-07 per cm² as below);
/// - formulas and defaults: BoaviztAPI documentation, Explanations → Components
///   (https://doc.api.boavizta.org/Explanations/components/{cpu,ram,ssd,power_supply,case,motherboard,assembly}/),
///   and the server archetypes `boaviztapi/data/archetypes/server.csv` (2 power supplies of 2.99 kg);
/// - the underlying inventory: Gröger, Liu, Stobbe, Druschke, Richter (2021), *Green Cloud
///   Computing*, Umweltbundesamt Texte 94/2021.
/// Boavizta publishes no water figure for these components, so embodied water is not assessed.
public enum BoaviztaComponentFactors {
    /// One figure per impact category.
    public struct Impacts: Sendable, Equatable {
        public var gwpKgCO2e: Double
        public var primaryEnergyMJ: Double
        public var adpeKgSbEq: Double

        public init(gwpKgCO2e: Double, primaryEnergyMJ: Double, adpeKgSbEq: Double) {
            self.gwpKgCO2e = gwpKgCO2e
            self.primaryEnergyMJ = primaryEnergyMJ
            self.adpeKgSbEq = adpeKgSbEq
        }

        public static let zero = Impacts(gwpKgCO2e: 0, primaryEnergyMJ: 0, adpeKgSbEq: 0)

        public static func + (a: Impacts, b: Impacts) -> Impacts {
            .init(gwpKgCO2e: a.gwpKgCO2e + b.gwpKgCO2e, primaryEnergyMJ: a.primaryEnergyMJ + b.primaryEnergyMJ,
                  adpeKgSbEq: a.adpeKgSbEq + b.adpeKgSbEq)
        }

        public static func * (a: Impacts, k: Double) -> Impacts {
            .init(gwpKgCO2e: a.gwpKgCO2e * k, primaryEnergyMJ: a.primaryEnergyMJ * k, adpeKgSbEq: a.adpeKgSbEq * k)
        }
    }

    public static let source = "Boavizta component factors (BoaviztAPI factors.yml at 1ab707f and doc.api.boavizta.org "
        + "Explanations/components; Green Cloud Computing, UBA Texte 94/2021)"

    // CPU: (cores × die per core + 0.491 cm²) × per-cm² die impact + base impact, per socket.
    public static let cpuDiePerCm2 = Impacts(gwpKgCO2e: 1.97, primaryEnergyMJ: 26.50, adpeKgSbEq: 5.80e-7)
    public static let cpuBase = Impacts(gwpKgCO2e: 9.14, primaryEnergyMJ: 156.00, adpeKgSbEq: 2.04e-2)
    public static let cpuDieConstantCm2 = 0.491
    /// BoaviztAPI's default die area per core (Xeon Platinum class), cm².
    public static let cpuDiePerCoreCm2 = 0.245
    /// BoaviztAPI's default core count when the inventory does not give one.
    public static let cpuDefaultCores = 24

    // RAM: capacity ÷ density × per-cm² die impact + base impact per module.
    public static let ramDiePerCm2 = Impacts(gwpKgCO2e: 2.20, primaryEnergyMJ: 27.30, adpeKgSbEq: 6.30e-5)
    public static let ramBase = Impacts(gwpKgCO2e: 5.22, primaryEnergyMJ: 74.00, adpeKgSbEq: 1.69e-3)
    /// BoaviztAPI's default DRAM density, GB per cm² of die.
    public static let ramDensityGBPerCm2 = 0.625
    /// BoaviztAPI's default module capacity, GB (used to count modules).
    public static let ramModuleGB = 32.0

    // SSD: capacity ÷ density × per-cm² die impact + base impact, per drive.
    public static let ssdDiePerCm2 = Impacts(gwpKgCO2e: 2.20, primaryEnergyMJ: 27.30, adpeKgSbEq: 6.30e-5)
    public static let ssdBase = Impacts(gwpKgCO2e: 6.34, primaryEnergyMJ: 76.90, adpeKgSbEq: 5.63e-4)
    /// BoaviztAPI's default SSD capacity (GB) and NAND density (GB per cm²).
    public static let ssdDefaultCapacityGB = 1000.0
    public static let ssdDensityGBPerCm2 = 48.5

    // Power supply: units × unit weight × per-kg impact.
    public static let powerSupplyPerKg = Impacts(gwpKgCO2e: 24.30, primaryEnergyMJ: 352.00, adpeKgSbEq: 8.30e-3)
    /// BoaviztAPI's server archetypes: 2 power supplies of 2.99 kg.
    public static let powerSupplyUnits = 2
    public static let powerSupplyUnitKg = 2.99

    /// Rack enclosure, motherboard and assembly: one constant each per server.
    public static let rackCase = Impacts(gwpKgCO2e: 150.0, primaryEnergyMJ: 2200.0, adpeKgSbEq: 2.02e-2)
    public static let motherboard = Impacts(gwpKgCO2e: 66.10, primaryEnergyMJ: 836.00, adpeKgSbEq: 3.69e-3)
    public static let assembly = Impacts(gwpKgCO2e: 6.68, primaryEnergyMJ: 68.60, adpeKgSbEq: 1.41e-6)
}
