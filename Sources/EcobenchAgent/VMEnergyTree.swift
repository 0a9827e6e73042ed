import EcobenchCollect
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The VM energy tree a hypervisor's agent hands into its guests (issue 13 item 2; docs/vm-energy.md):
/// per VM, under `<directory>/<uuid>/`,
/// - `class/powercap/intel-rapl:0/name`: `host-attribution` (never `package-0`);
/// - `class/powercap/intel-rapl:0/energy_uj`: the VM's attributed energy, cumulative µJ (integer);
/// - `class/powercap/intel-rapl:0/max_energy_range_uj`: 2^62 (never wraps in practice);
/// - `ecobench-host-attribution.json`: the provenance (`VMEnergyProvenance`).
/// Every file is written atomically (a temporary file in the same directory, then `rename`), so a
/// reader sees the old or the new content, never a torn one; `ecobench run --sysfs-root <dir>/<uuid>`
/// (or a guest that mounts `<dir>/<uuid>` as its sysfs root) reads it with the RAPL probe.
public struct VMEnergyTree: Sendable {
    /// One VM's state at a write.
    public struct Entry: Sendable, Equatable {
        /// The instance UUID (any case; the directory is its lowercase form).
        public var instanceUUID: String
        public var name: String
        /// The VM's attributed energy since the agent started splitting, J (finite, ≥ 0).
        public var cumulativeJoules: Double
        /// Written as `ecobench-host-attribution.json`; its UUID and name are set from this entry.
        public var provenance: VMEnergyProvenance

        public init(instanceUUID: String, name: String, cumulativeJoules: Double, provenance: VMEnergyProvenance) {
            self.instanceUUID = instanceUUID
            self.name = name
            self.cumulativeJoules = cumulativeJoules
            self.provenance = provenance
        }
    }

    /// `max_energy_range_uj`: 2^62 µJ (4.6 TJ; 146 years at 1 kW).
    public static let maxEnergyRangeMicrojoules: Int64 = 1 << 62
    /// The zone's directory under a VM's root.
    public static let zonePath = "class/powercap/intel-rapl:0"

    /// The tree's root (`--vm-energy-dir`).
    public let directory: String

    public init(directory: String) {
        var root = directory
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.directory = root
    }

    /// The sysfs root a guest (or `ecobench run --sysfs-root`) reads for a VM.
    public func vmRoot(instanceUUID: String) -> String {
        directory + "/" + instanceUUID.lowercased()
    }

    /// Writes every entry's counter and provenance (creating its directories on first sight).
    /// Throws `VMEnergyTreeError` naming the VM and the file; entries before a failing one are written.
    public func write(_ entries: [Entry]) throws {
        for entry in entries { try write(entry) }
    }

    private func write(_ entry: Entry) throws {
        let uuid = entry.instanceUUID.lowercased()
        guard Self.isUUID(uuid) else { throw VMEnergyTreeError.invalidUUID(entry.instanceUUID) }
        guard entry.cumulativeJoules.isFinite, entry.cumulativeJoules >= 0,
              entry.cumulativeJoules * 1e6 < Double(Self.maxEnergyRangeMicrojoules) else {
            throw VMEnergyTreeError.invalidEnergy(uuid: uuid, joules: entry.cumulativeJoules)
        }
        let root = vmRoot(instanceUUID: uuid)
        let zone = root + "/" + Self.zonePath
        if !FileManager.default.fileExists(atPath: zone + "/max_energy_range_uj") {
            do {
                try FileManager.default.createDirectory(atPath: zone, withIntermediateDirectories: true)
            } catch {
                throw VMEnergyTreeError.createDirectory(path: zone, reason: "\(error)")
            }
            try Self.replace(zone + "/name", with: VMEnergyProvenance.zoneName + "\n")
            try Self.replace(zone + "/max_energy_range_uj", with: "\(Self.maxEnergyRangeMicrojoules)\n")
        }
        var provenance = entry.provenance
        provenance.instanceUUID = uuid
        provenance.name = entry.name
        let json: String
        do { json = try HostAttributionProvenance.encode(provenance) } catch {
            throw VMEnergyTreeError.encode(uuid: uuid, reason: "\(error)")
        }
        try Self.replace(root + "/" + VMEnergyProvenance.fileName, with: json)
        // µJ truncated: the counter never runs ahead of the energy attributed (≤ 1 µJ behind).
        try Self.replace(zone + "/energy_uj", with: "\(Int64(entry.cumulativeJoules * 1e6))\n")
    }

    /// 8-4-4-4-12 lowercase hex digits: also keeps a name like `../x` out of the path.
    package static func isUUID(_ text: String) -> Bool {
        let groups = text.split(separator: "-", omittingEmptySubsequences: false)
        guard groups.map(\.count) == [8, 4, 4, 4, 12] else { return false }
        return groups.allSatisfy { $0.allSatisfy { ("0"..."9").contains($0) || ("a"..."f").contains($0) } }
    }

    /// Writes `text` to a temporary file beside `path` and renames it over `path` (atomic on one file system).
    package static func replace(_ path: String, with text: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw VMEnergyTreeError.write(path: temporary, errno: errno) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let n = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else {
                let err = errno
                close(fd)
                unlink(temporary)
                throw VMEnergyTreeError.write(path: temporary, errno: err)
            }
            written += n
        }
        close(fd)
        guard rename(temporary, path) == 0 else {
            let err = errno
            unlink(temporary)
            throw VMEnergyTreeError.write(path: path, errno: err)
        }
    }
}

/// Why the VM energy tree could not be written.
public enum VMEnergyTreeError: Error, CustomStringConvertible, Equatable {
    case invalidUUID(String)
    case invalidEnergy(uuid: String, joules: Double)
    case createDirectory(path: String, reason: String)
    case encode(uuid: String, reason: String)
    case write(path: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidUUID(let text):
            return "VM energy tree: instance UUID '\(text)' is not 8-4-4-4-12 hex digits"
        case .invalidEnergy(let uuid, let joules):
            return "VM energy tree: VM \(uuid): cumulative energy \(joules) J is not a finite value in [0, 2^62 µJ)"
        case .createDirectory(let path, let reason):
            return "VM energy tree: cannot create \(path): \(reason)"
        case .encode(let uuid, let reason):
            return "VM energy tree: VM \(uuid): provenance cannot be encoded: \(reason)"
        case .write(let path, let errno):
            return "VM energy tree: cannot write \(path): \(String(cString: strerror(errno)))"
        }
    }
}
