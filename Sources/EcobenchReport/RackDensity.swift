import EcobenchModel
import EcobenchAttribute

/// Hardware groups (runs grouped by host fingerprint) compared per unit of work and per rack:
/// throughput per kW and per rack unit, work one rack power budget carries, and the yearly
/// energy, CO2e and cost saved by the better group at a stated utilisation.
public struct RackDensity: Codable, Sendable {
    public struct Group: Codable, Sendable {
        public var name: String
        public var fingerprint: String
        public var runs: [Int64]
        public var host: String
        /// Node energy of the load phases over the units produced (the whole machine's cost per unit):
        /// ratio of sums with its delta-method CI (`PerUnitEstimate`).
        public var nodeEnergyPerUnitJ: SummaryStatistics?
        /// CO2e of the load phases over the units produced (ratio of sums).
        public var co2ePerUnitG: Double?
        public var throughputUnitsPerS: Double
        public var meanLoadPowerW: Double
        public var throughputPerKw: Double
        public var rackUnits: Double?
        public var throughputPerRackUnit: Double?
        public var rackPowerBudgetW: Double?
        /// Units of work per second one rack power budget carries (servers that fit × throughput).
        public var rackThroughputUnitsPerS: Double?
        /// Idle power (W) for the idle part of the year: the runs' idle phases, else baseline phases; nil without either.
        public var idlePowerW: Double?
        public var idlePowerPhase: PhaseName?
        /// `yearlyLoadKwh + yearlyIdleKwh`.
        public var yearlyKwh: Double
        /// The yearly units × node energy per unit.
        public var yearlyLoadKwh: Double
        /// The idle seconds of the year × idle power.
        public var yearlyIdleKwh: Double
        /// A year less the time the yearly units take at this group's throughput (at least 0).
        public var yearlyIdleS: Double
        /// The yearly units × CO2e per unit + the idle seconds × the idle phases' CO2e per second.
        public var yearlyCo2eKg: Double
        public var yearlyCost: Double?
        /// The group's load sweep, when one was given (`compare --by host --sweep ID`): its curve
        /// gives the throughput, power and yearly figures at equal offered load (docs/sweeps.md).
        public var sweep: SweepGroup? = nil
    }

    /// A group's figures from its sweep curve at the offered load every group is asked to carry
    /// (group 1's maximum throughput × utilisation).
    public struct SweepGroup: Codable, Sendable {
        public var sweepId: Int64
        /// The offered load (units/s), the same for every group.
        public var offeredRatePerS: Double
        /// That load over this group's highest achieved rate; above 1 the group cannot carry it.
        public var utilisation: Double
        /// Node power at that load, interpolated on the curve (idle floor included); nil above the curve.
        public var nodePowerW: SweepFigure?
        /// Units per joule at that load (offered rate ÷ node power).
        public var unitsPerJoule: SweepFigure?
        /// Units per joule at that load per rack unit of the server (`--rack-units`).
        public var unitsPerJoulePerRackUnit: Double?
        /// Yearly kWh at that load (`SweepCurve.yearlyEnergyKilowattHours`).
        public var yearlyKwh: SweepFigure?
    }

    public var functionalUnit: String
    /// The yearly figures are for the work the first group does at this utilisation.
    public var utilisation: Double
    public var yearlyUnits: Double
    /// How the yearly figures divide the year between work and idle time (an assumption, labelled so).
    public var dutyCycle: String
    public var pricePerKwh: Double?
    public var groups: [Group]
    /// Against the first group: yearly kWh, CO2e (kg) and cost saved (positive = less than the first).
    public var savings: [Saving]
    /// Welch's test of each group's energy per unit against group 1's (`WelchTest(_:_:)` on the estimates).
    public var welch: [WelchTest?]

    public struct Saving: Codable, Sendable {
        public var group: String
        public var kwh: Double
        public var co2eKg: Double
        public var cost: Double?
        public var relative: Double
    }
}
