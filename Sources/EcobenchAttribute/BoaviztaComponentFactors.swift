/// Manufacturing impacts of server components: primary energy (PE, MJ), abiotic depletion of
/// elements (ADPe, kg Sb eq) and global warming (GWP, kg CO2e), as published by Boavizta for
/// BoaviztAPI and used here as data. Every value below is BoaviztAPI 2.5.0's (PyPI `boaviztapi==2.5.0`):
/// - factors: `boaviztapi/data/factors.yml` (CPU die factors per mm², RAM/SSD die factors per cm²);
/// - defaults: `boaviztapi/data/archetypes/components/*.csv` (DEFAULT rows) and the dataset
///   averages BoaviztAPI completes missing attributes with (`data/crowdsourcing/ram_manufacture.csv`,
///   `ssd_manufacture.csv`, `cpu_specs.csv`: see `BoaviztaCPUDieArea`);
/// - formulas: BoaviztAPI's `compute/impacts_computation.py` and the documentation, Explanations →
///   Components (https://doc.api.boavizta.org/Explanations/components/);
/// - the underlying inventory: Gröger, Liu, Stobbe, Druschke, Richter (2021), *Green Cloud
///   Computing*, Umweltbundesamt Texte 94/2021.
/// Checked against BoaviztAPI 2.5.0 itself: `Tests/tools/boavizta_reference.py`.
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

    public static let version = "BoaviztAPI 2.5.0"
    public static let source = "Boavizta component factors and defaults (BoaviztAPI 2.5.0: data/factors.yml, "
        + "archetypes/components, crowdsourcing datasets; doc.api.boavizta.org Explanations/components; "
        + "Green Cloud Computing, UBA Texte 94/2021)"

    // CPU: (die area × per-mm² die impact + base impact) per socket; die area from the core count.
    public static let cpuDiePerMm2 = Impacts(gwpKgCO2e: 0.0197, primaryEnergyMJ: 0.265, adpeKgSbEq: 5.87e-9)
    public static let cpuBase = Impacts(gwpKgCO2e: 9.14, primaryEnergyMJ: 156.0, adpeKgSbEq: 2.04e-2)
    /// BoaviztAPI 2.5.0's default core count (cpu.csv DEFAULT: 24) when the inventory gives none.
    public static let cpuDefaultCores = 24

    // RAM: capacity ÷ density × per-cm² die impact + base impact per module.
    public static let ramDiePerCm2 = Impacts(gwpKgCO2e: 2.20, primaryEnergyMJ: 27.30, adpeKgSbEq: 6.30e-5)
    public static let ramBase = Impacts(gwpKgCO2e: 5.22, primaryEnergyMJ: 74.00, adpeKgSbEq: 1.69e-3)
    /// BoaviztAPI 2.5.0's DRAM density when none is given: the mean of the 11 rows of
    /// `ram_manufacture.csv` (1.2443636… GB/cm²; the former 0.625 is that dataset's minimum).
    public static let ramDensityGBPerCm2 = 13.688 / 11
    /// BoaviztAPI 2.5.0's default module capacity (ram.csv DEFAULT: 32 GB), used to count modules.
    public static let ramModuleGB = 32.0
    /// The range BoaviztAPI 2.5.0 states beside a defaulted DRAM density: the min and max of
    /// `ram_manufacture.csv` (GB/cm²).
    public static let ramDensityMinGBPerCm2 = 0.625
    public static let ramDensityMaxGBPerCm2 = 2.375

    // SSD: capacity ÷ density × per-cm² die impact + base impact, per drive.
    public static let ssdDiePerCm2 = Impacts(gwpKgCO2e: 2.20, primaryEnergyMJ: 27.30, adpeKgSbEq: 6.30e-5)
    public static let ssdBase = Impacts(gwpKgCO2e: 6.34, primaryEnergyMJ: 73.98, adpeKgSbEq: 5.63e-4)
    /// BoaviztAPI 2.5.0's default SSD capacity (ssd.csv DEFAULT: 1000 GB) and NAND density when
    /// none is given: the mean of the 19 rows of `ssd_manufacture.csv` (54.884… GB/cm²).
    public static let ssdDefaultCapacityGB = 1000.0
    public static let ssdDensityGBPerCm2 = 1042.8 / 19
    /// The ranges BoaviztAPI 2.5.0 states beside them: capacity 100–5000 GB (ssd.csv DEFAULT
    /// `1000;100;5000`), density the min and max of `ssd_manufacture.csv` (GB/cm²).
    public static let ssdCapacityMinGB = 100.0
    public static let ssdCapacityMaxGB = 5000.0
    public static let ssdDensityMinGBPerCm2 = 16.4
    public static let ssdDensityMaxGBPerCm2 = 128.0

    // Power supply: units × unit weight × per-kg impact.
    public static let powerSupplyPerKg = Impacts(gwpKgCO2e: 24.30, primaryEnergyMJ: 352.00, adpeKgSbEq: 8.30e-3)
    /// BoaviztAPI 2.5.0's power supply default (power_supply.csv: 2.99 kg) and its server
    /// archetypes' 2 units.
    public static let powerSupplyUnits = 2
    public static let powerSupplyUnitKg = 2.99
    /// The unit weight's range (power_supply.csv DEFAULT `2.99;1;5`).
    public static let powerSupplyUnitMinKg = 1.0
    public static let powerSupplyUnitMaxKg = 5.0

    /// Rack enclosure, motherboard and assembly: one constant each per server.
    public static let rackCase = Impacts(gwpKgCO2e: 150.0, primaryEnergyMJ: 2200.0, adpeKgSbEq: 2.02e-2)
    /// A blade server's share of a 16-slot enclosure plus its own casing (factors.yml `case.blade`:
    /// impact_blade_16_slots ÷ 16 + impact_blade_server). With the case type defaulted (rack),
    /// BoaviztAPI 2.5.0 states the range between the rack and blade figures, per category.
    public static let bladeCase = Impacts(gwpKgCO2e: 880.0 / 16 + 30.9, primaryEnergyMJ: 12700.0 / 16 + 435.0,
                                          adpeKgSbEq: 0.432 / 16 + 0.000672)
    public static let motherboard = Impacts(gwpKgCO2e: 66.10, primaryEnergyMJ: 836.00, adpeKgSbEq: 3.69e-3)
    public static let assembly = Impacts(gwpKgCO2e: 6.68, primaryEnergyMJ: 68.60, adpeKgSbEq: 1.41e-6)
}
