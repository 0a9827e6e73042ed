/// Arithmetic of cumulative hardware energy counters (RAPL `energy_uj`, hwmon `energy*_input`).
public enum EnergyCounter {
    /// Energy between two readings of a counter that wraps to 0 after `maxRangeMicrojoules`
    /// (`max_energy_range_uj`): `cur − prev` if `cur ≥ prev`, else `(max − prev) + cur`
    /// (the formula Kepler uses; CodeCarbon adds the range when `cur < last`).
    ///
    /// A backwards step is taken for a wrap only when the energy it implies is plausible:
    /// - at most half the range (a reader samples many times per wrap period: RAPL wraps every
    ///   ~20 min at 200 W, ecobench reads every 100 ms), and
    /// - when `elapsedSeconds` is given, at most `maxPlausibleWatts` × elapsed: a reset from
    ///   0.9 to 0.3 of a 262 kJ range "wraps" 105 kJ, 1 MW over a 100 ms tick.
    /// Anything else is a counter that was reset or rewritten lower (a driver reload, a
    /// firmware reset, a sensor replaced): the energy of that interval is unknown, and nil
    /// says so instead of inventing up to half a range of energy. A range below `prev` (a
    /// broken sysfs value) cannot explain the step either: nil.
    public static func deltaMicrojoules(previous: Int64, current: Int64, maxRangeMicrojoules: Int64,
                                        elapsedSeconds: Double? = nil,
                                        maxPlausibleWatts: Double = EnergyCounter.maxPlausibleZoneWatts) -> Int64? {
        if current >= previous { return current - previous }
        guard maxRangeMicrojoules >= previous, current >= 0 else { return nil }
        let wrapped = (maxRangeMicrojoules - previous) + current
        guard wrapped <= maxRangeMicrojoules / 2 else { return nil }
        if let elapsedSeconds, Double(wrapped) > maxPlausibleWatts * max(0, elapsedSeconds) * 1e6 { return nil }
        return wrapped
    }

    /// The most power one RAPL zone is believed to draw: 2 kW, four times the largest server
    /// package TDP on sale (≈ 500 W: AMD EPYC 9965 500 W, Intel Xeon 6980P 500 W). A generous
    /// bound: it only has to tell a wrap (tens of joules per tick) from a reset (kilojoules).
    public static let maxPlausibleZoneWatts = 2000.0

    /// Exact conversion of an integer µJ amount to joules.
    @inline(__always)
    public static func joules(microjoules: Int64) -> Double {
        Double(microjoules) / 1_000_000
    }
}
