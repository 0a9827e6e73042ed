/// Arithmetic of cumulative hardware energy counters (RAPL `energy_uj`, hwmon `energy*_input`).
public enum EnergyCounter {
    /// Energy between two readings of a counter that wraps to 0 after `maxRangeMicrojoules`
    /// (`max_energy_range_uj`): `cur − prev` if `cur ≥ prev`, else `(max − prev) + cur`
    /// (the formula Kepler uses; CodeCarbon adds the range when `cur < last`).
    /// A range below `prev` (a broken sysfs value) cannot explain the wrap, so only the
    /// part since 0 (`cur`) is counted: an underestimate rather than an invented amount.
    public static func deltaMicrojoules(previous: Int64, current: Int64,
                                        maxRangeMicrojoules: Int64) -> Int64 {
        if current >= previous { return current - previous }
        if maxRangeMicrojoules >= previous { return (maxRangeMicrojoules - previous) + current }
        return max(0, current)
    }

    /// Exact conversion of an integer µJ amount to joules.
    @inline(__always)
    public static func joules(microjoules: Int64) -> Double {
        Double(microjoules) / 1_000_000
    }
}
