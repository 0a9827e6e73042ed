/// How a hwmon reading becomes a sampled channel (names, units, what is integrated).
///
/// Names are `hwmon.<chip>.<label>.<quantity>` with `<chip>` from `sensors_snprintf_chip_name`
/// and `<label>` libsensors' label; in both, every character other than `A-Z a-z 0-9 _ -` becomes
/// `_` (so `PSU input` → `PSU_input`, and `.` stays the separator). Suffixes:
/// - `.energy`: J counter, from `energy*_input`, or integrated from a power feature the energy
///   feature does not cover, or from a V×I pair (`HwmonPairing`);
/// - `.temp_celsius`: gauge, unit `Cel` (UCUM for °C);
/// - `.fan_rpm`: gauge, unit `rpm`.
/// A name already taken on the chip gets the feature name appended to the label
/// (`CPU_temp2`). Voltages and currents alone get no channel.
public struct HwmonChannel: Hashable, Sendable {
    public enum Mode: String, Hashable, Sendable {
        /// Difference of the device's cumulative energy counter since the probe started.
        case energyCounter
        /// Power (W) integrated over monotonic time, trapezoidal rule.
        case integratedPower
        /// The value as read.
        case gauge
    }

    public var descriptor: SourceDescriptor
    public var mode: Mode
    public var reading: HwmonReading

    /// The channels for `readings`, in their order.
    public static func plan(_ readings: [HwmonReading]) -> [HwmonChannel] {
        var channels: [HwmonChannel] = []
        var taken: Set<String> = []
        for reading in readings {
            guard let (suffix, mode) = role(of: reading, among: readings) else { continue }
            let chip = sanitised(reading.chip)
            var name = "hwmon.\(chip).\(sanitised(reading.label)).\(suffix)"
            if taken.contains(name) {
                let feature = reading.features.joined(separator: "_")
                name = "hwmon.\(chip).\(sanitised(reading.label + "_" + feature)).\(suffix)"
            }
            taken.insert(name)
            let descriptor = SourceDescriptor(
                name: name, kind: .measured, unit: mode == .gauge ? reading.unit : "J",
                semantics: mode == .gauge ? .gauge : .counter, scope: .node,
                path: reading.paths.joined(separator: " × "), energyRole: nil,
                model: model(of: reading, mode: mode))
            channels.append(HwmonChannel(descriptor: descriptor, mode: mode, reading: reading))
        }
        return channels
    }

    /// `s` with every character outside `A-Z a-z 0-9 _ -` replaced by `_`.
    public static func sanitised(_ s: String) -> String {
        String(s.map { ($0.isASCII && ($0.isLetter || $0.isNumber)) || $0 == "_" || $0 == "-" ? $0 : "_" })
    }

    private static func role(of reading: HwmonReading, among readings: [HwmonReading])
        -> (suffix: String, mode: Mode)? {
        switch reading.quantity {
        case .energy:
            return ("energy", .energyCounter)
        case .power:
            return HwmonPairing.isCovered(reading, byEnergyIn: readings) ? nil : ("energy", .integratedPower)
        case .powerFromVoltageCurrent:
            return ("energy", .integratedPower)
        case .temperature:
            return ("temp_celsius", .gauge)
        case .fan:
            return ("fan_rpm", .gauge)
        case .voltage, .current:
            return nil
        }
    }

    private static func model(of reading: HwmonReading, mode: Mode) -> String? {
        guard mode == .integratedPower else { return nil }
        let source = reading.subfeatures.joined(separator: " × ")
        let what = reading.quantity == .powerFromVoltageCurrent
            ? "V×I: power = \(source) (V · A)" : "power readings (\(source), W)"
        return "integrated from \(what) over monotonic time, trapezoidal rule; "
            + "energy while a reading is missing is not counted"
    }
}
