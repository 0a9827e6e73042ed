import EcobenchAttribute
import EcobenchCluster
import EcobenchRun

/// Everything a `--target kubernetes` run needs besides the store.
public struct KubernetesRunConfiguration: Sendable {
    public var spec: WorkloadSpec
    public var workloadYAML: String
    public var endpoint: KubernetesEndpoint
    /// Namespaces are named `<prefix>-<run id>-r<repetition>`.
    public var namespacePrefix: String
    /// Node energy per phase window; empty: node energy is not measured for the cluster.
    public var energySources: [NodeEnergySource]
    /// Per-pod CPU seconds and node busy CPU per phase window, for per-pod attribution (e.g.
    /// `PrometheusPodCPUSource`); empty: nothing is attributed to pods.
    public var podCPUSources: [PodCPUSource] = []
    /// Energy of nodes that are VMs from their hypervisors' agents (`--prometheus-url`): the
    /// runner gives it the nodes' instance UUIDs once it has listed the nodes and asks it after
    /// `energySources`; its measured reading replaces a node's estimate, never a measured one.
    public var hypervisorVMEnergy: HypervisorVMEnergySource?
    public var carbon: GridIntensity
    public var idlePolicy: IdlePolicy
    public var impact: ImpactSettings
    public var outputDirectory: String
    /// The controller's roots, for the report's `host` (the machine that drove the run).
    public var procRoot: String = "/proc"
    public var sysfsRoot: String = "/sys"
    /// How often readiness, the Job and deletion are polled.
    public var pollSeconds: Double = 1
    /// How long deleting a namespace may take before the run reports it as left behind.
    public var teardownTimeoutSeconds: Double = 300
    /// Timeout of one API request.
    public var requestTimeoutSeconds: Double = 15

    public init(spec: WorkloadSpec, workloadYAML: String, endpoint: KubernetesEndpoint, namespacePrefix: String = "ecobench",
                energySources: [NodeEnergySource] = [], carbon: GridIntensity, idlePolicy: IdlePolicy = .none,
                impact: ImpactSettings = ImpactSettings(), outputDirectory: String) {
        self.spec = spec
        self.workloadYAML = workloadYAML
        self.endpoint = endpoint
        self.namespacePrefix = namespacePrefix
        self.energySources = energySources
        self.carbon = carbon
        self.idlePolicy = idlePolicy
        self.impact = impact
        self.outputDirectory = outputDirectory
    }
}
