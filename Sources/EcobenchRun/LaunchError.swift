/// A workload command that could not be started or did not end as expected.
public enum LaunchError: Error, CustomStringConvertible, Sendable {
    case notFound(command: String, searched: String)
    case spawnFailed(command: String, errno: Int32, reason: String)
    case outputFile(path: String, reason: String)

    public var description: String {
        switch self {
        case .notFound(let command, let searched):
            return "\(command): not found on PATH (\(searched))"
        case .spawnFailed(let command, let code, let reason):
            return "\(command): cannot start (errno \(code): \(reason))"
        case .outputFile(let path, let reason):
            return "cannot open output file \(path): \(reason)"
        }
    }
}
