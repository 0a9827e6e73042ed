/// A chip libsensors detected, with its features as libsensors reports them after applying
/// the configuration (labels set, ignored features left out). Plain Swift values: the C
/// structures stay inside `SensorsLibrary`.
public struct SensorsChip: Hashable, Sendable {
    /// What a main feature measures (libsensors `sensors_feature_type`).
    public enum FeatureType: String, Hashable, Sendable {
        case voltage, fan, temperature, power, energy, current, humidity, other
    }

    /// Which value of a feature a subfeature holds; only the ones ecobench reads are told apart.
    public enum SubfeatureRole: String, Hashable, Sendable {
        /// `*_input`: the current value.
        case input
        /// `*_average` (power, voltage, current): averaged by the device over its interval.
        case average
        /// Limits, alarms, intervals and the rest.
        case other
    }

    public struct Subfeature: Hashable, Sendable {
        /// sysfs attribute name, e.g. `power1_average`.
        public var name: String
        /// libsensors' number for it, the handle `SensorsLibrary.value` takes.
        public var number: Int32
        public var role: SubfeatureRole
        public var readable: Bool
    }

    public struct Feature: Hashable, Sendable {
        /// e.g. `power1`, `in0`, `temp1`.
        public var name: String
        public var type: FeatureType
        /// `sensors_get_label`: the `*_label` file, a `label` line of the configuration, or
        /// the feature name when neither exists.
        public var label: String
        public var subfeatures: [Subfeature]

        /// Whether the label came from the driver or the configuration rather than being
        /// the feature's own name.
        public var hasExplicitLabel: Bool { label != name }

        /// The number in the feature name (`power2` → 2), nil if it has none.
        public var index: Int? { Int(name.drop { !$0.isNumber }) }

        public func subfeature(_ role: SubfeatureRole) -> Subfeature? {
            subfeatures.first { $0.role == role && $0.readable }
        }
    }

    /// Position in `SensorsLibrary.chips`, the handle `SensorsLibrary.value` takes.
    public var index: Int
    /// `sensors_snprintf_chip_name`, e.g. `coretemp-isa-0000`, `ina238-i2c-1-40`.
    public var name: String
    /// The chip's sysfs directory (e.g. `/sys/class/hwmon/hwmon0`), when libsensors gives it.
    public var path: String?
    public var features: [Feature]

    /// Where a subfeature is read: its sysfs file when the chip's directory is known,
    /// otherwise `<chip>/<subfeature>`.
    public func location(of subfeature: Subfeature) -> String {
        if let path { return path + "/" + subfeature.name }
        return name + "/" + subfeature.name
    }
}
