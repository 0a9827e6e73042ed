/// Arithmetic of cumulative hardware energy counters (RAPL `energy_uj`, hwmon `energy*_input`).
public enum EnergyCounter {
    /// Energy between two readings of a counter that wraps to 0 after `maxRangeMicrojoules`
    /// (`max_energy_range_uj`): `cur − prev` if `cur ≥ prev`, else `(max − prev) + cur`
    /// (the formula Kepler uses; CodeCarbon adds the range when `cur < last`).
    ///
    /// A backwards step is taken for a wrap only when the wrapped amount is less than half the
    /// range: a reader samples many times per wrap period (RAPL wraps every ~20 min at 200 W;
    /// ecobench reads every 100 ms), so a true wrap leaves `prev` near the top and `cur` near 0.
    /// Anything else is a counter that was reset or rewritten lower (a driver reload, a
    /// firmware reset, a sensor replaced): the energy of that interval is unknown, and nil
    /// says so instead of inventing up to a whole range of energy. A range below `prev` (a
    /// broken sysfs value) cannot explain the step either: nil.
    public static func deltaMicrojoules(previous: Int64, current: Int64,
                                        maxRangeMicrojoules: Int64) -> Int64? {
        if current >= previous { return current - previous }
        guard maxRangeMicrojoules >= previous, current >= 0 else { return nil }
        let wrapped = (maxRangeMicrojoules - previous) + current
        return wrapped <= maxRangeMicrojoules / 2 ? wrapped : nil
    }

    /// Exact conversion of an integer µJ amount to joules.
    @inline(__always)
    public static func joules(microjoules: Int64) -> Double {
        Double(microjoules) / 1_000_000
    }
}
