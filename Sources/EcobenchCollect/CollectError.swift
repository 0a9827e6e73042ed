#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything that can go wrong while collecting: each message names the file and the fault.
public enum CollectError: Error, CustomStringConvertible, Equatable, Sendable {
    /// `open` failed; `errno` is the raw error number.
    case openFailed(path: String, errno: Int32)
    /// `pread` failed on an open file.
    case readFailed(path: String, errno: Int32)
    /// The file's bytes did not have the expected shape.
    case malformed(path: String, detail: String)
    /// A field the parser needs was absent.
    case missingField(path: String, field: String)
    /// RAPL `energy_uj` exists but only root may read it (Linux ≥ 5.10).
    case raplPermissionDenied(path: String)
    /// A write (cgroup.procs, cgroup.kill, mkdir) failed.
    case writeFailed(path: String, errno: Int32)
    /// A cgroup could not be created, killed or removed.
    case cgroup(path: String, detail: String)
    /// An argument was not acceptable (e.g. a cgroup name containing `/`).
    case invalidArgument(String)

    public var description: String {
        switch self {
        case let .openFailed(path, err):
            return "cannot open \(path): \(CollectError.errnoText(err))"
        case let .readFailed(path, err):
            return "cannot read \(path): \(CollectError.errnoText(err))"
        case let .malformed(path, detail):
            return "unexpected content in \(path): \(detail)"
        case let .missingField(path, field):
            return "\(path) has no field \(field)"
        case let .raplPermissionDenied(path):
            return "energy_uj is readable by root only since Linux 5.10 (CVE-2020-8694); "
                + "run as root or grant read access to \(path)"
        case let .writeFailed(path, err):
            return "cannot write \(path): \(CollectError.errnoText(err))"
        case let .cgroup(path, detail):
            return "cgroup \(path): \(detail)"
        case let .invalidArgument(detail):
            return "invalid argument: \(detail)"
        }
    }

    /// `strerror` text plus the symbolic number, e.g. "Permission denied (errno 13)".
    public static func errnoText(_ err: Int32) -> String {
        guard let cText = strerror(err) else { return "errno \(err)" }
        return "\(String(cString: cText)) (errno \(err))"
    }

    /// Maps an `open`/`read` failure to an error, singling out the RAPL permission case:
    /// EACCES/EPERM on a file named `energy_uj` gets the CVE-2020-8694 explanation.
    public static func forOpen(path: String, errno err: Int32) -> CollectError {
        if (err == EACCES || err == EPERM) && path.hasSuffix("energy_uj") {
            return .raplPermissionDenied(path: path)
        }
        return .openFailed(path: path, errno: err)
    }

    /// Same mapping for a failing `pread` (some kernels check permission at read time).
    public static func forRead(path: String, errno err: Int32) -> CollectError {
        if (err == EACCES || err == EPERM) && path.hasSuffix("energy_uj") {
            return .raplPermissionDenied(path: path)
        }
        return .readFailed(path: path, errno: err)
    }

    /// True when the error says the file or process no longer exists (ENOENT, ESRCH).
    public var isGone: Bool {
        switch self {
        case let .openFailed(_, err), let .readFailed(_, err):
            return err == ENOENT || err == ESRCH || err == ENODEV
        default:
            return false
        }
    }
}
