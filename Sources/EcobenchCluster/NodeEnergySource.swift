import EcobenchCollect

/// Energy of one node over one phase window, from a remote source.
public struct NodeEnergyReading: Sendable, Equatable, Codable {
    /// The node's name: the agent's name in the workload, or the Kubernetes node name.
    public var node: String
    /// Where the number comes from, e.g. `agent http://10.0.0.5:9464 rapl.psys` or
    /// `prometheus kepler_node_platform_joules_total{instance="n1"}`.
    public var source: String
    public var kind: SourceKind
    public var energyJoules: Double
    /// Fraction (0…1) of the window covered by samples; below 1 there was a gap.
    public var coverage: Double
    public var notes: [String]
    /// The window integral's, the clock's and the source's uncertainty; nil where not known.
    public var uncertainty: NodeEnergyUncertainty?
    /// For a node that is a VM: hypervisor meter → the VM's share (one chain per hypervisor it
    /// ran on in the window); nil for a node read on its own meters.
    public var vmChain: [VMEnergyChain]?

    public init(node: String, source: String, kind: SourceKind, energyJoules: Double,
                coverage: Double, notes: [String] = [], uncertainty: NodeEnergyUncertainty? = nil,
                vmChain: [VMEnergyChain]? = nil) {
        self.uncertainty = uncertainty
        self.vmChain = vmChain
        self.node = node
        self.source = source
        self.kind = kind
        self.energyJoules = energyJoules
        self.coverage = coverage
        self.notes = notes
    }
}

/// Anything that can say how much energy each node used in a window: ecobench agents
/// (`/samples`), or a Prometheus that already scrapes Kepler, node-exporter or agents.
public protocol NodeEnergySource: Sendable {
    /// Names the source in notes and errors, e.g. `agents (3)` or `prometheus http://…`.
    var label: String { get }
    /// One reading per node the source knows; throws when the source cannot answer at all.
    func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading]
    /// Its nodes' clock alignments measured when it connected, for the run's records; none for a
    /// source without a clock per node (the default).
    var startClockRecords: [NodeClockRecord] { get }
    /// Measures its nodes' clocks again now, so the windows asked next follow their drift
    /// (`ClockDrift`); one record per node stamped `moment`, with the error of a node that did
    /// not answer. The default (a source without a clock per node) measures nothing.
    mutating func realignClocks(moment: NodeClockRecord.Moment) -> [NodeClockRecord]
}

extension NodeEnergySource {
    public var startClockRecords: [NodeClockRecord] { [] }
    public mutating func realignClocks(moment: NodeClockRecord.Moment) -> [NodeClockRecord] { [] }
}
