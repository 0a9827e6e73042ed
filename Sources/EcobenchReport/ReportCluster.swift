import EcobenchModel
import EcobenchCollect

/// Multi-node runs (issue 6): each agent node's energy per phase, its clock alignment, and
/// the totals over the agent nodes. The local host's own energy stays in `phases`/`totals`;
/// it is not in these totals (an agent on the controller itself would count it twice).
/// Field by field in Reports/README.md, "cluster".
public struct ReportCluster: Codable, Sendable, Equatable {
    /// How agent nodes' energy is attributed to the workload (`NodeDynamicAttribution`).
    public var attribution: String
    /// |clock offset| above which a node is flagged (ms).
    public var clockOffsetFlagThresholdMs: Double
    public var nodes: [Node]
    /// Per repetition and phase, summed over the agent nodes.
    public var phases: [Phase]
    public var totals: Totals
    public var notes: [String]

    public struct Node: Codable, Sendable, Equatable {
        public var name: String
        public var url: String
        /// `agent <url> <method>`: the channels summed, chosen like a local run's node energy.
        public var source: String
        public var kind: SourceKind
        /// Agent clock minus controller clock at the start of the run (ms); nil when it did not answer.
        public var clockOffsetMs: Double?
        /// Round trip of the `/clock` exchange the offset comes from (ms); the offset is good to ± half of it.
        public var clockRttMs: Double?
        /// The same, measured again after the run (nil when it did not answer then).
        public var clockOffsetEndMs: Double?
        public var clockRttEndMs: Double?
        /// End offset minus start offset (ms): how far the clocks drifted apart during the run.
        public var clockDriftMs: Double?
        /// Clock off by more than the threshold, gaps, an agent that did not answer.
        public var flags: [String]
        public var energyJ: Double
        public var attributedEnergyJ: Double
        public var unattributedEnergyJ: Double
        /// The smallest coverage of any of its phases (0…1).
        public var minCoverage: Double
        public var phases: [NodePhase]
    }

    public struct NodePhase: Codable, Sendable, Equatable {
        public var name: String
        public var repetition: Int
        /// The window on the controller's clock (ns since 1970); the agent was asked for it shifted by its offset.
        public var startUnixNs: Int64
        public var durationS: Double
        public var energyJ: Double
        /// Fraction (0…1) of the window covered by the agent's samples; below 1 there was a gap.
        public var coverage: Double
        public var source: String
        public var kind: SourceKind
        /// The node's baseline power in this repetition (W), nil without a usable baseline phase.
        public var baselinePowerW: Double?
        public var attributedEnergyJ: Double
        public var unattributedEnergyJ: Double
        /// Busy CPU seconds of the node in the window (`node.cpu.busy_seconds`), nil when the agent has none.
        public var busyCpuSeconds: Double?
        public var notes: [String]
        /// The node energy's error budget (`ErrorBudgetBuilder.nodePhase`); nil where the run
        /// store holds no uncertainty for the window (runs stored before migration 8).
        public var errorBudget: ErrorBudget?
    }

    public struct Phase: Codable, Sendable, Equatable {
        public var name: String
        public var repetition: Int
        public var energyJ: Double
        public var attributedEnergyJ: Double
        public var unattributedEnergyJ: Double
        public var minCoverage: Double
    }

    public struct Totals: Codable, Sendable, Equatable {
        public var nodes: Int
        /// Sum of every node's energy over every phase.
        public var energyJ: Double
        public var attributedEnergyJ: Double
        /// `energy_j − attributed_energy_j`.
        public var unattributedEnergyJ: Double
        /// `estimated` when any node's energy is an estimate, else `measured`.
        public var kind: SourceKind
        public var minCoverage: Double
    }
}
