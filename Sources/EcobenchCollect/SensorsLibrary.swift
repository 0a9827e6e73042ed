import CSensors
import Foundation

/// The one wrapper around libsensors (lm-sensors): nothing else imports `CSensors`.
///
/// libsensors keeps its state in globals, so at most one instance is alive at a time
/// (`SensorsError.alreadyInitialised` otherwise) and every call into the library is made
/// under one process-wide lock. The configuration (`/etc/sensors3.conf` and `/etc/sensors.d/`
/// by default, or the file given) is applied by libsensors itself: `label` lines change
/// `Feature.label`, `ignore` lines remove features, `compute` lines change the values
/// `value(chip:subfeature:)` returns. Values are in libsensors' scaled units: V, A, W, J, °C, RPM.
public final class SensorsLibrary: @unchecked Sendable {
    // Guards every libsensors call and `isActive`; @unchecked Sendable rests on it.
    private static let lock = NSLock()
    nonisolated(unsafe) private static var isActive = false

    /// Chips as detected at initialisation, in libsensors' order.
    public let chips: [SensorsChip]
    /// The configuration file given, nil for libsensors' default.
    public let configPath: String?
    // Owned by libsensors until sensors_cleanup (deinit).
    private let chipNames: [UnsafePointer<sensors_chip_name>]

    /// The libsensors version string, e.g. `3.6.0`.
    public static var version: String {
        lock.withLock { String(cString: ecobench_sensors_version()) }
    }

    /// Initialises libsensors with `configPath` (nil: the system's configuration) and reads
    /// the detected chips and their features.
    public init(configPath: String? = nil) throws(SensorsError) {
        Self.lock.lock()
        defer { Self.lock.unlock() }
        if Self.isActive { throw .alreadyInitialised }
        var openErrno: Int32 = 0
        let code: Int32
        if let configPath {
            code = configPath.withCString { ecobench_sensors_init($0, &openErrno) }
        } else {
            code = ecobench_sensors_init(nil, &openErrno)
        }
        if openErrno != 0, let configPath { throw .configUnreadable(path: configPath, errno: openErrno) }
        if code != 0 {
            sensors_cleanup()
            throw .initFailed(code: abs(code), message: Self.message(abs(code)))
        }
        Self.isActive = true
        self.configPath = configPath
        var names: [UnsafePointer<sensors_chip_name>] = []
        var chips: [SensorsChip] = []
        var cursor: Int32 = 0
        while let chip = sensors_get_detected_chips(nil, &cursor) {
            chips.append(Self.describe(chip, index: names.count))
            names.append(chip)
        }
        self.chipNames = names
        self.chips = chips
    }

    deinit {
        Self.lock.withLock {
            sensors_cleanup()
            Self.isActive = false
        }
    }

    /// Reads one subfeature now (sysfs is read on every call), with `compute` rules applied.
    public func value(chip: Int, subfeature: Int32) throws(SensorsError) -> Double {
        guard chipNames.indices.contains(chip) else { throw .noSuchChip(index: chip) }
        var value = 0.0
        let code = Self.lock.withLock { sensors_get_value(chipNames[chip], subfeature, &value) }
        if code < 0 {
            throw .readFailed(chip: chips[chip].name, subfeature: subfeature,
                              code: -code, message: Self.message(-code))
        }
        return value
    }

    private static func message(_ code: Int32) -> String {
        guard let text = sensors_strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }

    private static func describe(_ chip: UnsafePointer<sensors_chip_name>, index: Int) -> SensorsChip {
        var buffer = [CChar](repeating: 0, count: 256)
        let written = sensors_snprintf_chip_name(&buffer, buffer.count, chip)
        let name = written < 0 ? "chip\(index)" : String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let path = chip.pointee.path.map { String(cString: $0) }
        var features: [SensorsChip.Feature] = []
        var cursor: Int32 = 0
        while let feature = sensors_get_features(chip, &cursor) {
            features.append(describe(feature, of: chip))
        }
        return SensorsChip(index: index, name: name, path: path, features: features)
    }

    private static func describe(_ feature: UnsafePointer<sensors_feature>,
                                 of chip: UnsafePointer<sensors_chip_name>) -> SensorsChip.Feature {
        let name = String(cString: feature.pointee.name)
        var label = name
        if let text = sensors_get_label(chip, feature) {
            label = String(cString: text)
            free(text)
        }
        var subfeatures: [SensorsChip.Subfeature] = []
        var cursor: Int32 = 0
        while let sub = sensors_get_all_subfeatures(chip, feature, &cursor) {
            subfeatures.append(SensorsChip.Subfeature(
                name: String(cString: sub.pointee.name), number: sub.pointee.number,
                role: role(sub.pointee.type),
                readable: sub.pointee.flags & UInt32(SENSORS_MODE_R) != 0))
        }
        return SensorsChip.Feature(name: name, type: type(feature.pointee.type), label: label,
                                   subfeatures: subfeatures)
    }

    private static func type(_ type: sensors_feature_type) -> SensorsChip.FeatureType {
        switch type {
        case SENSORS_FEATURE_IN: return .voltage
        case SENSORS_FEATURE_FAN: return .fan
        case SENSORS_FEATURE_TEMP: return .temperature
        case SENSORS_FEATURE_POWER: return .power
        case SENSORS_FEATURE_ENERGY: return .energy
        case SENSORS_FEATURE_CURR: return .current
        case SENSORS_FEATURE_HUMIDITY: return .humidity
        default: return .other
        }
    }

    private static func role(_ type: sensors_subfeature_type) -> SensorsChip.SubfeatureRole {
        switch type {
        case SENSORS_SUBFEATURE_IN_INPUT, SENSORS_SUBFEATURE_FAN_INPUT, SENSORS_SUBFEATURE_TEMP_INPUT,
             SENSORS_SUBFEATURE_POWER_INPUT, SENSORS_SUBFEATURE_ENERGY_INPUT,
             SENSORS_SUBFEATURE_CURR_INPUT, SENSORS_SUBFEATURE_HUMIDITY_INPUT:
            return .input
        case SENSORS_SUBFEATURE_POWER_AVERAGE, SENSORS_SUBFEATURE_IN_AVERAGE,
             SENSORS_SUBFEATURE_CURR_AVERAGE:
            return .average
        default:
            return .other
        }
    }
}
