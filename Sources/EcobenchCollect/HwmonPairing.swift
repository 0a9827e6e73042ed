/// The rules that decide which hwmon readings describe the same rail.
///
/// **Energy covers power.** An `energy*` and a `power*` feature of one chip are the same
/// sensor when both have the same explicit label, or when neither has an explicit label and
/// their numbers match (`energy1` ↔ `power1`, as in ina238 or i915). The energy counter is
/// then used and the power feature gets no integrated channel.
///
/// **V×I.** A voltage (`in*`) and a current (`curr*`) reading of one chip are paired when
/// - their explicit labels are equal (`in0_label` = `curr1_label` = `VIN`), unless a power or
///   energy feature of that chip carries the same label (the rail is measured already); or
/// - neither has an explicit label, their numbers match (`in1` ↔ `curr1`), and the chip has no
///   power or energy feature at all (on ina2xx-style chips `in0` is the shunt voltage and
///   `power1` exists, so index pairing would double-count).
/// Each reading is used in at most one pair. The pair's label is the shared label, or
/// `in<N>_curr<N>` for index pairs.
public enum HwmonPairing {
    /// Whether `power` is covered by an energy reading of the same chip.
    public static func isCovered(_ power: HwmonReading, byEnergyIn readings: [HwmonReading]) -> Bool {
        readings.contains { energy in
            energy.quantity == .energy && energy.chip == power.chip && sameSensor(energy, power)
        }
    }

    /// V×I power readings for the voltage/current pairs in `readings` (value = V · A, in W).
    public static func voltageCurrentPairs(_ readings: [HwmonReading]) -> [HwmonReading] {
        var pairs: [HwmonReading] = []
        let chips = readings.reduce(into: [String]()) { if !$0.contains($1.chip) { $0.append($1.chip) } }
        for chip in chips {
            let onChip = readings.filter { $0.chip == chip }
            let measured = onChip.filter { $0.quantity == .power || $0.quantity == .energy }
            var currents = onChip.filter { $0.quantity == .current }
            for voltage in onChip where voltage.quantity == .voltage {
                guard let match = currents.firstIndex(where: {
                    pairable(voltage, $0, measuredOnChip: measured)
                }) else { continue }
                pairs.append(combine(voltage, currents[match]))
                currents.remove(at: match)
            }
        }
        return pairs
    }

    package static func sameSensor(_ a: HwmonReading, _ b: HwmonReading) -> Bool {
        if a.hasExplicitLabel && b.hasExplicitLabel { return a.label == b.label }
        if !a.hasExplicitLabel && !b.hasExplicitLabel { return a.index != nil && a.index == b.index }
        return false
    }

    package static func pairable(_ voltage: HwmonReading, _ current: HwmonReading,
                                 measuredOnChip measured: [HwmonReading]) -> Bool {
        if voltage.hasExplicitLabel && current.hasExplicitLabel {
            return voltage.label == current.label
                && !measured.contains { $0.hasExplicitLabel && $0.label == voltage.label }
        }
        if !voltage.hasExplicitLabel && !current.hasExplicitLabel {
            return measured.isEmpty && voltage.index != nil && voltage.index == current.index
        }
        return false
    }

    package static func combine(_ voltage: HwmonReading, _ current: HwmonReading) -> HwmonReading {
        let label = voltage.hasExplicitLabel ? voltage.label : "\(voltage.label)_\(current.label)"
        return HwmonReading(
            chip: voltage.chip, label: label, quantity: .powerFromVoltageCurrent,
            value: voltage.value * current.value,
            features: voltage.features + current.features,
            subfeatures: voltage.subfeatures + current.subfeatures,
            paths: voltage.paths + current.paths,
            hasExplicitLabel: voltage.hasExplicitLabel,
            chipIndex: voltage.chipIndex,
            subfeatureNumbers: voltage.subfeatureNumbers + current.subfeatureNumbers)
    }
}
