/// One value libsensors gave for a hwmon sensor, in libsensors' scaled units
/// (the kernel's µW, µJ, mV, mA, m°C are divided down by libsensors).
public struct HwmonReading: Hashable, Codable, Sendable {
    public enum Quantity: String, Codable, Sendable {
        /// `energy*_input`, cumulative, J.
        case energy
        /// `power*_average`, or `power*_input` when there is no average, W.
        case power
        /// Voltage × current of an `in*`/`curr*` pair (see `HwmonPairing`), W.
        case powerFromVoltageCurrent = "power_vxi"
        /// `in*_input`, V.
        case voltage
        /// `curr*_input`, A.
        case current
        /// `temp*_input`, °C.
        case temperature
        /// `fan*_input`, RPM.
        case fan

        /// The unit symbol of `value`. Temperatures use UCUM's `Cel` (ASCII, unambiguous).
        public var unit: String {
            switch self {
            case .energy: return "J"
            case .power, .powerFromVoltageCurrent: return "W"
            case .voltage: return "V"
            case .current: return "A"
            case .temperature: return "Cel"
            case .fan: return "rpm"
            }
        }
    }

    /// `sensors_snprintf_chip_name`, e.g. `ina238-i2c-1-40`.
    public var chip: String
    /// libsensors' label (after the configuration's `label` lines), e.g. `VIN`, `power1`.
    public var label: String
    public var quantity: Quantity
    public var value: Double
    public var unit: String
    /// The features read: `["power1"]`, or `["in0", "curr1"]` for a V×I pair.
    public var features: [String]
    /// The subfeatures read, e.g. `["power1_average"]`, `["in0_input", "curr1_input"]`.
    public var subfeatures: [String]
    /// Where each subfeature is read: sysfs files, or `<chip>/<subfeature>`.
    public var paths: [String]
    /// Whether `label` came from the driver or the configuration (not the feature's own name).
    public var hasExplicitLabel: Bool

    // Handles for re-reading through SensorsLibrary; not part of the JSON.
    package var chipIndex: Int = -1
    package var subfeatureNumbers: [Int32] = []

    package enum CodingKeys: String, CodingKey {
        case chip, label, quantity, value, unit, features, subfeatures, paths
        case hasExplicitLabel = "has_explicit_label"
    }

    public init(chip: String, label: String, quantity: Quantity, value: Double,
                features: [String], subfeatures: [String], paths: [String],
                hasExplicitLabel: Bool, chipIndex: Int = -1, subfeatureNumbers: [Int32] = []) {
        self.chip = chip
        self.label = label
        self.quantity = quantity
        self.value = value
        self.unit = quantity.unit
        self.features = features
        self.subfeatures = subfeatures
        self.paths = paths
        self.hasExplicitLabel = hasExplicitLabel
        self.chipIndex = chipIndex
        self.subfeatureNumbers = subfeatureNumbers
    }

    /// The number in the first feature's name (`power2` → 2).
    public var index: Int? { features.first.flatMap { Int($0.drop { !$0.isNumber }) } }
}
