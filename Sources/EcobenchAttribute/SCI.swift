/// Software Carbon Intensity (Green Software Foundation, ISO/IEC 21031:2024):
/// `SCI = (O + M) / R`, `O = E × I`, `M = TE × (TiR / EL) × (RR / ToR)`.
public enum SCI {
    public static let secondsPerYear = 365.25 * 24 * 3600

    /// Operational emissions (g): energy in kWh (already including PUE) × intensity (g/kWh).
    public static func operationalGrams(energyKWh: Double, intensityGPerKWh: Double) -> Double {
        energyKWh * intensityGPerKWh
    }

    /// E of one load phase before PUE (J): the workload's dynamic energy plus the idle (baseline)
    /// energy of the share of the machine reserved, the same RR/ToR as M — so O and M have one
    /// boundary (the reserved hardware), whatever idle policy the rest of the report uses.
    public static func reservedEnergyJoules(workloadDynamicJoules: Double, idleJoules: Double,
                                            reservedShare: Double) -> Double {
        workloadDynamicJoules + idleJoules * min(1, max(0, reservedShare))
    }

    /// Embodied emissions (g) for the time and share reserved.
    public static func embodiedGrams(totalEmbodiedKg: Double, timeReservedSeconds: Double, lifetimeYears: Double,
                                     reservedShare: Double) -> Double {
        totalEmbodiedKg * 1000 * embodiedShare(timeReservedSeconds: timeReservedSeconds, lifetimeYears: lifetimeYears,
                                               reservedShare: reservedShare)
    }

    /// (TiR / EL) × (RR / ToR): the part of any whole-life embodied impact (CO2e, primary energy,
    /// abiotic depletion) charged to the time and share reserved; 0 for a lifetime ≤ 0.
    public static func embodiedShare(timeReservedSeconds: Double, lifetimeYears: Double, reservedShare: Double) -> Double {
        guard lifetimeYears > 0 else { return 0 }
        return (timeReservedSeconds / (lifetimeYears * secondsPerYear)) * reservedShare
    }

    /// The score per functional unit; nil when no unit was produced.
    public static func score(operationalGrams: Double, embodiedGrams: Double, functionalUnits: Double) -> Double? {
        functionalUnits > 0 ? (operationalGrams + embodiedGrams) / functionalUnits : nil
    }
}
