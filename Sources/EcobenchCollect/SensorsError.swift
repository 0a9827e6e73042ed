/// What can go wrong talking to libsensors; thrown only by `SensorsLibrary`.
public enum SensorsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// libsensors keeps process-wide state: only one `SensorsLibrary` may be alive at a time.
    case alreadyInitialised
    /// The configuration file given with `--sensors-config` could not be opened.
    case configUnreadable(path: String, errno: Int32)
    /// `sensors_init` failed (SENSORS_ERR_* code: e.g. no sysfs, out of memory). libsensors
    /// recovers from most syntax errors in a configuration by itself: it prints them to stderr
    /// and skips the line.
    case initFailed(code: Int32, message: String)
    /// `sensors_get_value` failed, e.g. the feature's file vanished.
    case readFailed(chip: String, subfeature: Int32, code: Int32, message: String)
    /// A chip index that `SensorsLibrary.chips` does not have.
    case noSuchChip(index: Int)

    public var description: String {
        switch self {
        case .alreadyInitialised:
            return "libsensors is already initialised by another SensorsLibrary in this process"
        case let .configUnreadable(path, errno):
            return "cannot open sensors configuration \(path): errno \(errno)"
        case let .initFailed(code, message):
            return "sensors_init failed (\(code)): \(message)"
        case let .readFailed(chip, subfeature, code, message):
            return "cannot read subfeature \(subfeature) of \(chip) (\(code)): \(message)"
        case let .noSuchChip(index):
            return "no sensors chip with index \(index)"
        }
    }
}
