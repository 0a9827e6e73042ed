import EcobenchCollect
import EcobenchAttribute

/// One pod's part of its node's energy in the load window.
public struct PodEnergyAttribution: Sendable, Equatable, Codable {
    public var namespace: String?
    public var pod: String?
    public var podUID: String
    public var cpuSeconds: Double
    /// `cpuSeconds / max(Σ pods' cpu, busy − background)` (`CPUShareSplit`).
    public var cpuShare: Double
    public var dynamicEnergyJoules: Double
    public var idleEnergyJoules: Double
    /// `dynamicEnergyJoules + idleEnergyJoules`.
    public var energyJoules: Double

    public init(namespace: String?, pod: String?, podUID: String, cpuSeconds: Double, cpuShare: Double,
                dynamicEnergyJoules: Double, idleEnergyJoules: Double) {
        self.namespace = namespace
        self.pod = pod
        self.podUID = podUID
        self.cpuSeconds = cpuSeconds
        self.cpuShare = cpuShare
        self.dynamicEnergyJoules = dynamicEnergyJoules
        self.idleEnergyJoules = idleEnergyJoules
        energyJoules = dynamicEnergyJoules + idleEnergyJoules
    }
}

/// How one node's energy in the load window splits between its pods and what stays unattributed.
/// Invariant (tested): `Σ pods.energyJoules + unattributedEnergyJoules == energyJoules`.
public struct NodeEnergyAttribution: Sendable, Equatable, Codable {
    public var node: String
    public var source: String
    public var kind: SourceKind
    public var energyJoules: Double
    public var coverage: Double
    /// Node energy of the idle window over its duration; nil without an idle reading for this node.
    public var idlePowerWatts: Double?
    /// `min(idlePowerWatts × load duration, energyJoules)`.
    public var idleEnergyJoules: Double
    /// `energyJoules − idleEnergyJoules`.
    public var dynamicEnergyJoules: Double
    public var busyCPUSeconds: Double?
    /// Busy CPU seconds the idle window's power already carries (its busy CPU rate × duration),
    /// taken out of the shares' denominator; 0 without an idle window's busy CPU.
    public var backgroundCPUSeconds: Double = 0
    public var pods: [PodEnergyAttribution]
    public var unattributedEnergyJoules: Double
    public var notes: [String]
    /// For a node that is a VM: hypervisor meter → the VM's share (`VMEnergyChain`); nil otherwise.
    public var vmChain: [VMEnergyChain]? = nil

    public var attributedEnergyJoules: Double { pods.reduce(0) { $0 + $1.energyJoules } }
}

/// The whole cluster's split for one load window.
public struct ClusterAttributionResult: Sendable, Equatable, Codable {
    public var window: ClusterWindow
    public var idlePolicy: IdlePolicy
    public var nodes: [NodeEnergyAttribution] {
        didSet { updateTotals() }
    }
    /// Sums over the nodes (stored so the JSON carries them).
    public private(set) var energyJoules = 0.0
    public private(set) var attributedEnergyJoules = 0.0
    public private(set) var unattributedEnergyJoules = 0.0

    public init(window: ClusterWindow, idlePolicy: IdlePolicy, nodes: [NodeEnergyAttribution]) {
        self.window = window
        self.idlePolicy = idlePolicy
        self.nodes = nodes
        updateTotals()
    }

    private mutating func updateTotals() {
        energyJoules = nodes.reduce(0) { $0 + $1.energyJoules }
        attributedEnergyJoules = nodes.reduce(0) { $0 + $1.attributedEnergyJoules }
        unattributedEnergyJoules = nodes.reduce(0) { $0 + $1.unattributedEnergyJoules }
    }
}
