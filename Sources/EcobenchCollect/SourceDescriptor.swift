/// Where a number comes from: a sensor read directly, or a model's estimate.
public enum SourceKind: String, Codable, Sendable {
    case measured
    case estimated
}

/// How a channel's values behave over time.
public enum SampleSemantics: String, Codable, Sendable {
    /// Cumulative since the probe started (energy in J, CPU time in s, bytes); a phase's
    /// amount is the difference of the values at its ends.
    case counter
    /// An instantaneous level (bytes resident, process count).
    case gauge
}

/// Whose activity a channel describes.
public enum SourceScope: String, Codable, Sendable {
    case node
    case workload
}

/// What an energy channel covers, so attribution knows what may be summed
/// (see measurement notes: core/uncore lie inside their package, psys covers package and dram).
public enum EnergyRole: String, Codable, Sendable {
    /// The whole machine at its power inlet: BMC chassis power (Redfish), IPMI DCMI, a PSU's
    /// input. Covers everything below, including fans, PSU losses and GPUs.
    case wall
    /// Whole platform as the CPU sees it (RAPL psys): package, DRAM and more, not the PSU.
    case platform
    /// A CPU package (RAPL `package-N`, `package-N-die-M`).
    case package
    /// DRAM (RAPL `dram`), not inside the package.
    case dram
    /// Part of another zone (RAPL `core`, `uncore`): shown, never added to its parent.
    case subzone
    /// A model's estimate of CPU power integrated over time.
    case cpuEstimate
    /// A GPU's own energy (NVML): added to package + DRAM or to the estimate, never to
    /// a wall or platform meter, which already include it.
    case gpu
    /// This VM's share of its hypervisor's node energy, handed in by the host's agent (a VM energy
    /// tree's `host-attribution` zone): the whole VM, used alone.
    case hostAttribution
}

/// One channel of samples: its name, unit, provenance and meaning.
public struct SourceDescriptor: Hashable, Codable, Sendable {
    /// Stable channel name, e.g. `rapl.package-0`, `node.cpu.busy_seconds`, `workload.cpu_seconds`.
    public var name: String
    public var kind: SourceKind
    /// SI unit symbol of the stored values: `J`, `s`, `B`, `count`.
    public var unit: String
    public var semantics: SampleSemantics
    public var scope: SourceScope
    /// The file, cgroup or device the values are read from.
    public var path: String
    /// For energy channels: what the zone covers.
    public var energyRole: EnergyRole?
    /// For estimates: the model's name and parameters; for a host-attribution channel: the
    /// hypervisor's meter, basis and policy; human-readable.
    public var model: String?
    /// Relative standard uncertainty (0.3 = ±30 %), when known.
    public var relativeUncertainty: Double?
    /// One step of an energy counter (J), where the source states it (a Redfish energy counter's
    /// resolution); the error budget counts it as u = q/√3 per phase. Nil: negligible or unknown.
    public var resolutionJoules: Double?
    /// Where `relativeUncertainty` comes from, in words (e.g. "Redfish Sensor Accuracy, <sensor
    /// URI>: ±2 % of the reading …"); the error budget's meter contribution is labelled with it.
    /// Nil: the uncertainty (if any) is described by `model`.
    public var uncertaintyBasis: String?

    public init(name: String, kind: SourceKind, unit: String, semantics: SampleSemantics,
                scope: SourceScope, path: String, energyRole: EnergyRole? = nil,
                model: String? = nil, relativeUncertainty: Double? = nil, resolutionJoules: Double? = nil,
                uncertaintyBasis: String? = nil) {
        self.name = name
        self.kind = kind
        self.unit = unit
        self.semantics = semantics
        self.scope = scope
        self.path = path
        self.energyRole = energyRole
        self.model = model
        self.relativeUncertainty = relativeUncertainty
        self.resolutionJoules = resolutionJoules
        self.uncertaintyBasis = uncertaintyBasis
    }
}
