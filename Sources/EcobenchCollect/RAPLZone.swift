/// One RAPL powercap zone (`intel-rapl:N` or sub-zone `intel-rapl:N:M`).
public struct RAPLZone: Hashable, Sendable {
    /// The kernel's zone id, e.g. `intel-rapl:0:2`.
    public var id: String
    /// Contents of the zone's `name` file: `package-0`, `dram`, `core`, `psys`...
    public var name: String
    /// For a sub-zone, the `name` of the zone it sits in (`package-1` for its `dram`).
    public var parentName: String?
    /// Zone directory (through `<sysfsRoot>/class/powercap/<id>`).
    public var directory: String
    /// `max_energy_range_uj`: the counter wraps to 0 after this value.
    public var maxEnergyRangeMicrojoules: Int64
    /// Whether `enabled` read 1 (a disabled zone may not count).
    public var enabled: Bool
    /// For a zone named `host-attribution` (a VM energy tree written by a hypervisor's agent): the
    /// provenance read from `ecobench-host-attribution.json` beside `class/`, nil when absent.
    public var hostAttribution: VMEnergyProvenance?

    public init(id: String, name: String, parentName: String?, directory: String,
                maxEnergyRangeMicrojoules: Int64, enabled: Bool = true, hostAttribution: VMEnergyProvenance? = nil) {
        self.id = id
        self.name = name
        self.parentName = parentName
        self.directory = directory
        self.maxEnergyRangeMicrojoules = maxEnergyRangeMicrojoules
        self.enabled = enabled
        self.hostAttribution = hostAttribution
    }

    /// A VM energy tree's zone: its writer replaces `energy_uj` atomically (temp file + rename), so
    /// the probe reads it by path each time and a replaced file continues the same counter.
    public var isHostAttribution: Bool { name == VMEnergyProvenance.zoneName }

    /// `<directory>/energy_uj`.
    public var energyPath: String { directory + "/energy_uj" }

    /// `rapl.<name>` for a top-level zone, `rapl.<parent name>.<name>` for a sub-zone.
    public var channelName: String {
        if let parentName { return "rapl.\(parentName).\(name)" }
        return "rapl.\(name)"
    }

    /// What the zone covers (measurement notes: core/uncore inside package, dram beside it,
    /// psys the whole platform).
    public var role: EnergyRole {
        RAPLZone.role(forName: name)
    }

    public static func role(forName name: String) -> EnergyRole {
        if name.hasPrefix("package") { return .package }
        switch name {
        case VMEnergyProvenance.zoneName: return .hostAttribution
        case "dram": return .dram
        case "psys": return .platform
        default: return .subzone  // core, uncore, and anything unknown: shown, never summed
        }
    }

    /// The channel this zone feeds: cumulative joules since the probe started.
    /// A host-attribution zone says so: its description and uncertainty are the provenance's, its
    /// kind the host meter's (measured, or estimated when the hypervisor had no meter).
    public var descriptor: SourceDescriptor {
        guard isHostAttribution else {
            return SourceDescriptor(name: channelName, kind: .measured, unit: "J", semantics: .counter,
                                    scope: .node, path: directory, energyRole: role)
        }
        guard let hostAttribution else {
            return SourceDescriptor(name: channelName, kind: .measured, unit: "J", semantics: .counter,
                                    scope: .node, path: directory, energyRole: role,
                                    model: "host attribution: no \(VMEnergyProvenance.fileName) beside class/; "
                                        + "the hypervisor's meter and policy are unknown")
        }
        return SourceDescriptor(name: channelName, kind: hostAttribution.hostIsEstimated ? .estimated : .measured,
                                unit: "J", semantics: .counter, scope: .node, path: directory, energyRole: role,
                                model: hostAttribution.channelDescription,
                                relativeUncertainty: hostAttribution.hostRelativeUncertainty,
                                uncertaintyBasis: hostAttribution.channelUncertaintyBasis)
    }

    /// Numeric parts of an id: `intel-rapl:0:2` → [0, 2]; nil for control types
    /// (`intel-rapl`), MMIO duplicates (`intel-rapl-mmio:0`) and anything else.
    public static func indices(ofID id: String) -> [Int]? {
        let prefix = "intel-rapl:"
        guard id.hasPrefix(prefix) else { return nil }
        let parts = id.dropFirst(prefix.count).split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        var result: [Int] = []
        for part in parts {
            guard let n = Int(part), n >= 0 else { return nil }
            result.append(n)
        }
        return result
    }
}
