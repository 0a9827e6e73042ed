/// Where a VM's handed-in energy counter comes from (issue 13 item 2): the hypervisor's agent
/// splits its host meter's energy between the VMs by CPU time and writes, per VM, a powercap-like
/// tree `<dir>/<uuid>/class/powercap/intel-rapl:0/{name,energy_uj,max_energy_range_uj}` with this
/// document beside `class/` as `ecobench-host-attribution.json`. The guest's RAPL reader turns it
/// into the channel's description: "measured on the hypervisor (<meter>), attributed to this VM
/// by CPU time (<policy>)". JSON keys are snake_case (`ReportCoding`).
public struct VMEnergyProvenance: Codable, Sendable, Hashable {
    /// The provenance file's name, beside `class/` under the VM's sysfs root.
    public static let fileName = "ecobench-host-attribution.json"
    /// The zone's `name` file: never `package-0`, so the guest never takes it for its own CPU package.
    public static let zoneName = "host-attribution"
    /// The one attribution basis the agent uses (the measurement core's CPU-share split).
    public static let cpuTimeShareBasis = "cpu-time-share"

    /// The hypervisor's node-energy meter whose energy was split.
    public struct HostMeter: Codable, Sendable, Hashable {
        /// The host's node-energy channels, e.g. `["rapl.package-0", "rapl.dram"]` or a Redfish wall channel.
        public var channels: [String]
        /// The host's node-energy method in words (`NodeEnergySelection.method` on the host).
        public var source: String
        /// `measured` or `estimated`: a host without a meter hands in an estimate, labelled as one.
        public var kind: String

        public init(channels: [String], source: String, kind: String) {
            self.channels = channels
            self.source = source
            self.kind = kind
        }
    }

    /// The VM's instance UUID (lowercase; the directory's name).
    public var instanceUUID: String
    /// The guest's name (libvirt/QEMU `-name`).
    public var name: String
    public var hostMeter: HostMeter
    /// `cpu-time-share`.
    public var basis: String
    /// `none`, `proportional` or `reserved` (the agent's `--vm-idle-policy`).
    public var idlePolicy: String
    /// The host meter's stated relative standard uncertainty (0.02 = ±2 %), nil when it states none.
    public var hostRelativeUncertainty: Double?
    /// Where that uncertainty comes from, in the host's words (`SourceDescriptor.uncertaintyBasis`).
    public var hostUncertaintyBasis: String?
    /// The writing agent's version.
    public var agentVersion: String
    /// When the agent last wrote the tree (Unix ns, the host's clock).
    public var updatedUnixNs: Int64
    /// How often the agent rewrites `energy_uj` (s), nil when not stated: a reading in the guest can
    /// be up to this old, which moves up to P × this across each phase edge (docs/vm-energy.md).
    public var writeIntervalS: Double?

    public init(instanceUUID: String, name: String, hostMeter: HostMeter, basis: String = cpuTimeShareBasis,
                idlePolicy: String, hostRelativeUncertainty: Double?, hostUncertaintyBasis: String?,
                agentVersion: String, updatedUnixNs: Int64, writeIntervalS: Double? = nil) {
        self.instanceUUID = instanceUUID
        self.name = name
        self.hostMeter = hostMeter
        self.basis = basis
        self.idlePolicy = idlePolicy
        self.hostRelativeUncertainty = hostRelativeUncertainty
        self.hostUncertaintyBasis = hostUncertaintyBasis
        self.agentVersion = agentVersion
        self.updatedUnixNs = updatedUnixNs
        self.writeIntervalS = writeIntervalS
    }

    /// `instance_uuid` in the file: `ReportCoding`'s snake-case strategy turns it into `instanceUuid`.
    private enum CodingKeys: String, CodingKey {
        case instanceUUID = "instanceUuid"
        case name, hostMeter, basis, idlePolicy, hostRelativeUncertainty, hostUncertaintyBasis, agentVersion
        case updatedUnixNs, writeIntervalS
    }

    /// True when the host's meter was an estimate (the guest's channel is then labelled estimated).
    public var hostIsEstimated: Bool { hostMeter.kind == "estimated" }

    /// The guest channel's description: "host attribution: measured on the hypervisor (<meter>),
    /// attributed to VM <name> (<uuid>) by CPU time (<policy> idle policy; ecobench agent <version>)".
    public var channelDescription: String {
        let how = hostIsEstimated ? "estimated on the hypervisor" : "measured on the hypervisor"
        let basisWords = basis == Self.cpuTimeShareBasis ? "by CPU time" : "by " + basis
        return "host attribution: \(how) (\(hostMeter.source)), attributed to VM \(name) (\(instanceUUID)) "
            + "\(basisWords) (\(idlePolicy) idle policy; ecobench agent \(agentVersion)"
            + (writeIntervalS.map { "; counter updated every \($0) s" } ?? "") + ")"
    }

    /// The channel's uncertainty basis: the host meter's own, carried through the split (a share of
    /// a measured total keeps the total's relative uncertainty; the CPU-time split is a convention,
    /// stated, not an error added here).
    public var channelUncertaintyBasis: String {
        let host = hostUncertaintyBasis ?? (hostRelativeUncertainty == nil ? "the host meter states no accuracy"
                                                                           : "the host meter's stated uncertainty")
        return "hypervisor meter (\(hostMeter.source)): \(host); the VM's share by \(basis) adds none"
    }
}
