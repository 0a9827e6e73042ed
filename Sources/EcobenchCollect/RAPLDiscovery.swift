import Foundation

/// Finds the RAPL zones of a machine under `<sysfsRoot>/class/powercap`.
///
/// The class directory holds a symlink for every zone AND every sub-zone, plus the control
/// types `intel-rapl` and `intel-rapl-mmio` and the MMIO duplicates `intel-rapl-mmio:N`.
/// Zones are keyed by id, so a sub-zone reached both as a top-level symlink and inside its
/// parent is listed once; control types and MMIO zones are skipped (the MMIO zone repeats a
/// package's energy).
public struct RAPLDiscovery: Sendable {
    /// Zones whose `energy_uj` could be read, ordered by id (packages before their sub-zones).
    public var zones: [RAPLZone]
    /// Why zones are missing or unusable, one line each.
    public var notes: [String]
    /// True when at least one zone exists but `energy_uj` was refused (not root, ≥ 5.10).
    public var permissionDenied: Bool
    /// Zones present, readable or not.
    public var zonesPresent: Int

    public static func discover(sysfsRoot: String = "/sys") -> RAPLDiscovery {
        let classDir = sysfsRoot + "/class/powercap"
        var result = RAPLDiscovery(zones: [], notes: [], permissionDenied: false, zonesPresent: 0)
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: classDir) else {
            result.notes.append("RAPL: \(classDir) does not exist (no powercap driver, or a VM/container without it)")
            return result
        }
        // id → (directory, indices)
        var found: [String: (String, [Int])] = [:]
        for entry in entries {
            guard let idx = RAPLZone.indices(ofID: entry) else { continue }
            found[entry] = (classDir + "/" + entry, idx)
        }
        // Sub-zones that lack a top-level symlink (older layouts, hand-made trees).
        for value in found.values where value.1.count == 1 {
            let subEntries = (try? fm.contentsOfDirectory(atPath: value.0)) ?? []
            for sub in subEntries where found[sub] == nil {
                if let idx = RAPLZone.indices(ofID: sub), idx.count == 2, idx[0] == value.1[0] {
                    found[sub] = (value.0 + "/" + sub, idx)
                }
            }
        }
        let ordered = found.sorted { $0.value.1.lexicographicallyPrecedes($1.value.1) }
        var namesByPackage: [Int: String] = [:]
        for (_, value) in ordered where value.1.count == 1 {
            if let name = try? SysfsFile.readText(path: value.0 + "/name") {
                namesByPackage[value.1[0]] = name
            }
        }
        result.zonesPresent = ordered.count
        for (id, value) in ordered {
            let (dir, idx) = value
            guard let name = try? SysfsFile.readText(path: dir + "/name"), !name.isEmpty else {
                result.notes.append("RAPL: \(dir)/name is missing or empty; zone \(id) skipped")
                continue
            }
            var parent: String? = nil
            if idx.count == 2 {
                guard let p = namesByPackage[idx[0]] else {
                    result.notes.append("RAPL: sub-zone \(id) has no readable parent zone; skipped")
                    continue
                }
                parent = p
            }
            do {
                _ = try SysfsFile.readInt64(path: dir + "/energy_uj")
            } catch let error as CollectError {
                if case .raplPermissionDenied = error { result.permissionDenied = true }
                result.notes.append("RAPL: \(error.description)")
                continue
            } catch {
                result.notes.append("RAPL: \(dir)/energy_uj: \(error)")
                continue
            }
            let maxRange = (try? SysfsFile.readInt64(path: dir + "/max_energy_range_uj")) ?? 0
            if maxRange <= 0 {
                result.notes.append("RAPL: \(dir)/max_energy_range_uj unreadable; wraps of \(id) are counted from 0 only")
            }
            let enabledValue = (try? SysfsFile.readInt64(path: dir + "/enabled")) ?? 1
            if enabledValue == 0 {
                result.notes.append("RAPL: zone \(id) (\(name)) reports enabled=0; its counter may not advance")
            }
            var zone = RAPLZone(id: id, name: name, parentName: parent, directory: dir,
                                maxEnergyRangeMicrojoules: maxRange, enabled: enabledValue != 0)
            if zone.isHostAttribution {
                let provenance = HostAttributionProvenance.read(sysfsRoot: sysfsRoot)
                zone.hostAttribution = provenance.provenance
                if let note = provenance.note { result.notes.append(note) }
            }
            result.zones.append(zone)
        }
        if ordered.isEmpty {
            result.notes.append("RAPL: no intel-rapl zones under \(classDir)")
        }
        return result
    }
}
