import EcobenchModel
import EcobenchCollect
import EcobenchCluster

/// The cluster a `--target kubernetes` run ran on, the namespaces it used, and the node energy
/// remote sources reported for each phase (`kubernetes` in the report; absent for local runs).
public struct ReportKubernetes: Codable, Sendable, Equatable {
    /// API server URL from the kubeconfig.
    public var server: String
    public var context: String
    /// `gitVersion` of GET /version, e.g. `v1.30.4`.
    public var version: String?
    /// False when the kubeconfig says insecure-skip-tls-verify.
    public var tlsVerified: Bool
    public var nodes: [Node]
    public var namespaces: [Namespace]
    /// False when no node energy source (ecobench agents, Prometheus) was given: the report
    /// then holds no energy figures for the cluster.
    public var nodeEnergyMeasured: Bool
    /// Labels of the node energy sources asked, e.g. `agents (3)`.
    public var nodeEnergySources: [String]
    /// One entry per node and phase window, as the source answered.
    public var nodeEnergy: [NodeEnergy]
    /// Labels of the pod CPU sources asked (e.g. `prometheus http://…`); nil without one.
    public var podCpuSources: [String]?
    /// The run's own pods, one entry per pod and attributed phase (idle, load, cooldown), with
    /// their CPU seconds and their part of their node's energy; nil without a pod CPU source.
    public var pods: [Pod]?
    /// Busy CPU seconds of each node per attributed phase window (the shares' denominator).
    public var nodeBusyCpu: [NodeBusyCPU]?
    /// Per node and attributed phase: attributed + unattributed = the node's energy.
    public var nodeAttribution: [NodeAttribution]?
    /// Each agent's clock alignment at the start and the end of the run; nil without agents.
    public var nodeClocks: [NodeClock]?
    public var notes: [String]

    public struct Node: Codable, Sendable, Equatable {
        public var name: String
        /// Label `topology.kubernetes.io/zone`.
        public var zone: String?
        /// Label `node.kubernetes.io/instance-type`.
        public var instanceType: String?
        /// The instance type when it is an SCS flavor name (`SCS-4V-16`...).
        public var scsFlavor: String?
        /// `status.nodeInfo.kubeletVersion`.
        public var kubeletVersion: String?
        /// The OpenStack instance (VM) the node runs on, lowercase UUID; nil when not known.
        public var instanceUuid: String?
        /// The field that named it: `spec.providerID` or `status.nodeInfo.systemUUID`.
        public var instanceUuidField: String?

        public init(name: String, zone: String?, instanceType: String?, scsFlavor: String?, kubeletVersion: String?,
                    instanceUuid: String? = nil, instanceUuidField: String? = nil) {
            self.instanceUuid = instanceUuid
            self.instanceUuidField = instanceUuidField
            self.name = name
            self.zone = zone
            self.instanceType = instanceType
            self.scsFlavor = scsFlavor
            self.kubeletVersion = kubeletVersion
        }
    }

    public struct Namespace: Codable, Sendable, Equatable {
        public var repetition: Int
        public var name: String
        /// True when the namespace was confirmed gone (GET answered 404) after the repetition.
        public var deleted: Bool
        /// Why deletion was not confirmed.
        public var error: String?

        public init(repetition: Int, name: String, deleted: Bool, error: String? = nil) {
            self.repetition = repetition
            self.name = name
            self.deleted = deleted
            self.error = error
        }
    }

    public struct NodeEnergy: Codable, Sendable, Equatable {
        public var phase: String
        public var repetition: Int
        public var node: String
        public var source: String
        public var kind: SourceKind
        public var energyJ: Double
        /// Fraction of the window the source had samples for.
        public var coverage: Double
        /// For a node that is a VM: hypervisor meter → the VM's share, per hypervisor (`VMEnergyChain`).
        public var vmChain: [VMEnergyChain]?
        /// The reading's error budget (`ErrorBudgetBuilder.nodePhase`: the source's stated accuracy,
        /// the window integral's edges and gaps, the clock alignment), as a local run's
        /// `cluster.nodes[].phases[].error_budget`; nil where the source states no uncertainty.
        public var errorBudget: ErrorBudget?

        public init(phase: String, repetition: Int, node: String, source: String, kind: SourceKind, energyJ: Double,
                    coverage: Double, vmChain: [VMEnergyChain]? = nil, errorBudget: ErrorBudget? = nil) {
            self.vmChain = vmChain
            self.errorBudget = errorBudget
            self.phase = phase
            self.repetition = repetition
            self.node = node
            self.source = source
            self.kind = kind
            self.energyJ = energyJ
            self.coverage = coverage
        }
    }

    public init(server: String, context: String, version: String?, tlsVerified: Bool, nodes: [Node],
                namespaces: [Namespace] = [], nodeEnergyMeasured: Bool = false, nodeEnergySources: [String] = [],
                nodeEnergy: [NodeEnergy] = [], notes: [String] = []) {
        self.server = server
        self.context = context
        self.version = version
        self.tlsVerified = tlsVerified
        self.nodes = nodes
        self.namespaces = namespaces
        self.nodeEnergyMeasured = nodeEnergyMeasured
        self.nodeEnergySources = nodeEnergySources
        self.nodeEnergy = nodeEnergy
        self.notes = notes
    }
}
