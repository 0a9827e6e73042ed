import EcobenchModel

/// Energy counter or watts for one Redfish channel, by what the counter can resolve.
///
/// A counter with step q joules read at both ends of a window of energy E is off by up to
/// one step (two truncations, each less than q): it is used only when q ≤ 0.5 % of the energy
/// of the SHORTEST phase, E_ref = P × T_min, with P the watts reading seen at discovery and
/// T_min the shortest phase of the run (`referenceSeconds`; 10 s, the default shortest phase,
/// when the phases are not known, e.g. `ecobench sensors` or an agent). Otherwise the watts
/// reading is integrated. A 0.001 kWh counter (3600 J) at 150 W needs phases of 4800 s; DMTF's
/// rack PDU and rackmount mockups count whole kWh (3.6 MJ).
///
/// Without a watts reading beside it, the counter is the only source and is used whatever
/// its step; its model says the step. Among counters the finest step wins; among watts
/// readings a schema property (`PowerControl`, `EnvironmentMetrics`, PSU metrics) comes
/// before a `Sensor`. Discovery order breaks ties.
package struct RedfishSourceChoice {
    /// A counter's step may be at most this share of the reference energy.
    package static let maxStepShare = 0.005
    /// The reference window when the run's phases are not known.
    package static let defaultReferenceSeconds = PhaseDurations.defaultBaselineSeconds

    package struct Decision {
        package var reading: RedfishReading
        /// Why this reading, in words, for the channel's model (nil for a lone watts reading).
        package var reason: String?
    }

    package var referenceSeconds: Double

    package init(referenceSeconds: Double?) {
        self.referenceSeconds = referenceSeconds.flatMap { $0 > 0 && $0.isFinite ? $0 : nil }
            ?? Self.defaultReferenceSeconds
    }

    package func choose(_ candidates: [RedfishReading]) -> Decision? {
        let watts = candidates.filter { $0.unit == .watts }.min { rank($0) < rank($1) }
        let counter = candidates.filter { $0.unit != .watts }.min { stepJoules($0) < stepJoules($1) }
        guard let counter else { return watts.map { Decision(reading: $0, reason: nil) } }
        let step = stepJoules(counter)
        let stepText = "one step \(Self.format(step)) J (\(counter.resolution?.source ?? "no value seen at discovery"))"
        guard let watts else {
            return Decision(reading: counter, reason: "the only reading: \(stepText)")
        }
        guard let power = watts.discoveredValue else {
            return Decision(reading: counter, reason: "\(stepText); \(watts.propertyName) gave no value at discovery")
        }
        let reference = max(0, power) * referenceSeconds
        let window = "0.5 % of \(Self.format(power)) W × \(Self.format(referenceSeconds)) s = "
            + "\(Self.format(Self.maxStepShare * reference)) J (shortest phase)"
        if step <= Self.maxStepShare * reference {
            return Decision(reading: counter, reason: "\(stepText) ≤ \(window)")
        }
        return Decision(reading: watts,
                        reason: "\(counter.propertyName) counter not used: \(stepText) > \(window)")
    }

    /// One step in joules; infinite when unknown (no value seen at discovery).
    package func stepJoules(_ reading: RedfishReading) -> Double {
        guard let perUnit = reading.unit.joulesPerUnit, let step = reading.resolution?.step else { return .infinity }
        return step * perUnit
    }

    private func rank(_ reading: RedfishReading) -> Int { reading.what == .sensor ? 1 : 0 }

    package static func format(_ x: Double) -> String {
        if !x.isFinite { return "unknown" }
        let rounded = (x * 1000).rounded() / 1000
        if rounded == rounded.rounded() && abs(rounded) < 1e15 { return String(Int64(rounded)) }
        return String(rounded)
    }
}
