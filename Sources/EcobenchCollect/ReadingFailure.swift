import Foundation

/// Why a channel has no reading this tick: the cause a gap stores and the report shows.
/// Each description starts with the cause's name and the file, e.g. `vanished: /sys/…/energy_uj`
/// or `parse error: /proc/meminfo: 'garbage'`.
public enum ReadingFailure: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file exists but may not be read (EACCES/EPERM).
    case permissionDenied(path: String)
    /// The file, device or process is gone (deleted, driver unbound: ENOENT, ENODEV, ESRCH).
    case vanished(path: String)
    /// The file was deleted and re-created: a new counter, read from the next tick on.
    case replaced(path: String)
    /// The file's bytes did not parse; `text` is what was read (trimmed, at most 60 characters).
    case parse(path: String, text: String)
    /// A counter went back without a plausible wrap (a reset or rewrite): counted from the new value.
    case reset(path: String, fromValue: Double, toValue: Double, unit: String)
    /// Any other failure of the system call or library, with its own words.
    case unreadable(path: String, detail: String)

    public var description: String {
        switch self {
        case let .permissionDenied(path): return "permission denied: \(path)"
        case let .vanished(path): return "vanished: \(path)"
        case let .replaced(path): return "replaced: \(path) (deleted and re-created: a new counter, counted on from its first reading)"
        case let .parse(path, text): return "parse error: \(path): '\(text)'"
        case let .reset(path, from, to, unit):
            return "reset: \(path) went back from \(ReadingFailure.number(from)) \(unit) to \(ReadingFailure.number(to)) \(unit) "
                + "(no plausible wrap; counted on from the new value)"
        case let .unreadable(path, detail): return "unreadable: \(path): \(detail)"
        }
    }

    /// The failure an `open`/`pread` errno means for `path`.
    public static func forErrno(_ err: Int32, path: String) -> ReadingFailure {
        switch err {
        case EACCES, EPERM: return .permissionDenied(path: path)
        case ENOENT, ENODEV, ESRCH, ENXIO: return .vanished(path: path)
        default: return .unreadable(path: path, detail: CollectError.errnoText(err))
        }
    }

    /// Classifies any error met while reading `path` (a `CollectError`, a `ReadingFailure`, …).
    public static func classify(_ error: any Error, path: String) -> ReadingFailure {
        if let failure = error as? ReadingFailure { return failure }
        guard let collect = error as? CollectError else {
            return .unreadable(path: path, detail: "\(error)")
        }
        switch collect {
        case let .openFailed(path, err), let .readFailed(path, err): return forErrno(err, path: path)
        case let .raplPermissionDenied(path): return .permissionDenied(path: path)
        case let .malformed(path, _), let .missingField(path, _):
            return .parse(path: path, text: excerpt(ofFile: path) ?? "\(collect)")
        default: return .unreadable(path: path, detail: collect.description)
        }
    }

    /// Reads `path` once more and explains why it cannot be used: gone, forbidden, or its text.
    /// For failures that came without a cause (libsensors says only "cannot read").
    public static func diagnose(path: String, fallback: String) -> ReadingFailure {
        do {
            let file = try SysfsFile(path: path, initialCapacity: 256)
            if let text = excerpt(of: file), Double(text) == nil { return .parse(path: path, text: text) }
            return .unreadable(path: path, detail: fallback)
        } catch {
            if case .unreadable = classify(error, path: path) { return .unreadable(path: path, detail: fallback) }
            return classify(error, path: path)
        }
    }

    /// The file's text, trimmed and cut to 60 characters; nil when it cannot be read.
    package static func excerpt(ofFile path: String) -> String? {
        (try? SysfsFile(path: path, initialCapacity: 256)).flatMap(excerpt(of:))
    }

    package static func excerpt(of file: SysfsFile) -> String? {
        guard let text = try? file.withContents({ String(decoding: $0, as: UTF8.self) }) else { return nil }
        return shorten(text)
    }

    /// `text` trimmed of surrounding white space, cut to 60 characters (with "…").
    public static func shorten(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.count > 60 ? String(trimmed.prefix(60)) + "…" : trimmed
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e18 ? String(Int64(value)) : String(value)
    }
}

/// A probe that can say why a channel it wrote as NaN has no reading (the sampler asks only
/// for NaN channels, so a probe keeps the latest cause per channel and the normal path costs nothing).
public protocol ChannelFailureReporting: Probe {
    /// Why `channel` (an index into `channels`) was NaN in the latest `read(into:)`; nil if unknown.
    func failure(channel: Int) -> ReadingFailure?
}
