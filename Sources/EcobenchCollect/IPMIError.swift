/// What went wrong reading DCMI power through `ipmitool` or FreeIPMI's `ipmi-dcmi`.
public enum IPMIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The BMC says power reading is off ("Power reading state is: deactivated",
    /// "Power Measurement : Not Available"): no reading, not zero watts.
    case readingDeactivated(line: String)
    /// A known line without the number it should carry.
    case missingNumber(line: String)
    /// The output has no instantaneous/current power line at all.
    case noPowerReading(outputStart: String)
    /// The command could not be started (not installed, not executable).
    case commandNotRunnable(command: String, reason: String)
    /// The command exited with a non-zero status.
    case commandFailed(command: String, status: Int32, stderr: String)
    /// The command did not finish in time and was killed.
    case commandTimedOut(command: String, seconds: Double)

    public var description: String {
        switch self {
        case .readingDeactivated(let line):
            return "DCMI power reading is deactivated on the BMC (\"\(line)\"); enable it or use Redfish"
        case .missingNumber(let line):
            return "DCMI output line without a number: \"\(line)\""
        case .noPowerReading(let start):
            return "DCMI output has no instantaneous power line; it starts: \"\(start)\""
        case .commandNotRunnable(let command, let reason):
            return "cannot run \(command): \(reason)"
        case .commandFailed(let command, let status, let stderr):
            let detail = stderr.isEmpty ? "" : ": \(stderr)"
            return "\(command) exited with status \(status)\(detail)"
        case .commandTimedOut(let command, let seconds):
            return "\(command) gave no reading within \(seconds) s and was killed"
        }
    }
}
