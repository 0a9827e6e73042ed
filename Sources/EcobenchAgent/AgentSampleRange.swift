import Foundation
import EcobenchCollect
import EcobenchCluster

/// Buffered samples for `GET /samples`: channel names listed once, then one row per tick.
///
/// JSON form (`AgentWire.Samples`, members written in sorted order; documented in
/// docs/agent-and-cluster.md, "Node agent"):
/// `{"clock":{"unix_ns":…,"monotonic_ns":…},"from_ns":…,"to_ns":…,"truncated":false,
///   "sources":["rapl.psys",…],"units":["J",…],"kinds":["measured",…],"semantics":["counter",…],
///   "roles":["platform",null,…],"polled":["redfish.…"],"staleness_bound_s":[0.0011,null,…],
///   "gaps":[{"source":"rapl.package-0","from_unix_ns":…,"to_unix_ns":…,"reason":"reset: …"}],
///   "vms":{…} (an agent run with `--vms` only: `AgentWire.VMEnergy`),
///   "rows":[[t_unix_ns, v1, v2, …], …]}`
/// (`kinds`, `semantics`, `roles`: one per source, so a controller ranks a node's energy
/// channels like a local run does; `roles` is null for channels that are not node energy;
/// `polled`: the polled meters' channels, whose readings are rows of their own, so their nulls
/// in the other rows are not readings; `staleness_bound_s`: per source, how stale a stepped
/// counter's tick reading can be, learned by the sampler (`CounterStaleness`), null where none;
/// `gaps`: why channels had no reading, the stretches overlapping the asked range, see
/// `AgentWire.Gap`) where a value is `null` when the channel had a gap or did not exist at that tick.
/// Counters are the agent's cumulative values (continued across restarts), gauges are levels.
public struct AgentSampleRange: Sendable {
    public struct Row: Sendable {
        public var timeUnixNanoseconds: Int64
        public var values: [Double?]

        public init(timeUnixNanoseconds: Int64, values: [Double?]) {
            self.timeUnixNanoseconds = timeUnixNanoseconds
            self.values = values
        }
    }

    public var sources: [String] = []
    public var rows: [Row] = []
    /// True when more rows matched than the limit: ask again from the last row's time + 1.
    public var truncated = false
    /// The causes of unreadable readings overlapping the asked range (`AgentBuffer+Gaps.swift`).
    package var gaps: [AgentWire.Gap] = []

    public init() {}

    /// The JSON body (`AgentWire.Samples`), with the agent's clock at the time of the answer so a
    /// caller can align clocks.
    package func json(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64,
                     units: [String: String], clockUnixNanoseconds: Int64, clockMonotonicNanoseconds: Int64,
                     descriptors: [String: SourceDescriptor] = [:], polled: Set<String> = [],
                     stalenessBoundsSeconds: [String: Double] = [:], vms: AgentWire.VMEnergy? = nil) throws -> String {
        var wire = AgentWire.Samples(
            clock: .init(unixNanoseconds: clockUnixNanoseconds, monotonicNanoseconds: clockMonotonicNanoseconds),
            fromUnixNanoseconds: from, toUnixNanoseconds: to, truncated: truncated, sources: sources,
            units: sources.map { units[$0] ?? "" }, gaps: gaps,
            rows: rows.map { AgentWire.Row(timeUnixNanoseconds: $0.timeUnixNanoseconds, values: $0.values) })
        if !descriptors.isEmpty {
            wire.kinds = sources.map { descriptors[$0]?.kind.rawValue ?? "measured" }
            wire.semantics = sources.map { descriptors[$0]?.semantics.rawValue ?? "gauge" }
            wire.roles = sources.map { descriptors[$0]?.energyRole?.rawValue }
            wire.polled = sources.filter(polled.contains)
            wire.stalenessBoundSeconds = sources.map { stalenessBoundsSeconds[$0].flatMap { $0.isFinite ? $0 : nil } }
        }
        wire.vms = vms
        return try AgentWire.body(wire)
    }
}
