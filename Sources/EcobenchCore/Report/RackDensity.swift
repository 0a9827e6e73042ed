/// Hardware groups (runs grouped by host fingerprint) compared per unit of work and per rack:
/// throughput per kW and per rack unit, work one rack power budget carries, and the yearly
/// energy, CO2e and cost saved by the better group at a stated utilisation.
public struct RackDensity: Codable, Sendable {
    public struct Group: Codable, Sendable {
        public var name: String
        public var fingerprint: String
        public var runs: [Int64]
        public var host: String
        /// Node energy of the load phases over the units produced (the whole machine's cost per unit).
        public var nodeEnergyPerUnitJ: SummaryStatistics?
        public var co2ePerUnitG: Double?
        public var throughputUnitsPerS: Double
        public var meanLoadPowerW: Double
        public var throughputPerKw: Double
        public var rackUnits: Double?
        public var throughputPerRackUnit: Double?
        public var rackPowerBudgetW: Double?
        /// Units of work per second one rack power budget carries (servers that fit × throughput).
        public var rackThroughputUnitsPerS: Double?
        public var yearlyKwh: Double
        public var yearlyCo2eKg: Double
        public var yearlyCost: Double?
    }

    public var functionalUnit: String
    /// The yearly figures are for the work the first group does at this utilisation.
    public var utilisation: Double
    public var yearlyUnits: Double
    public var pricePerKwh: Double?
    public var groups: [Group]
    /// Against the first group: yearly kWh, CO2e (kg) and cost saved (positive = less than the first).
    public var savings: [Saving]
    public var welch: [WelchTest?]

    public struct Saving: Codable, Sendable {
        public var group: String
        public var kwh: Double
        public var co2eKg: Double
        public var cost: Double?
        public var relative: Double
    }
}
