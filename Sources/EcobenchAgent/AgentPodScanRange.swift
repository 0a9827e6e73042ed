import Foundation
import EcobenchCluster

/// Buffered pod cgroup scans for `GET /pods`: pods listed once (UID and QoS class), then one
/// row per scan, shaped like `/samples` (`AgentWire.PodScans`; docs/agent-and-cluster.md, "Node agent"):
/// `{"clock":{"unix_ns":…,"monotonic_ns":…},"from_ns":…,"to_ns":…,"truncated":false,
///   "scan_interval_ns":5000000000,"pods":["<uid>",…],"qos":["burstable",…],
///   "rows":[[t_unix_ns, cpu_seconds_1, cpu_seconds_2, …], …]}`
/// A value is the pod cgroup's cumulative CPU time in seconds (a counter that starts at 0 when
/// the pod starts), `null` when that scan did not find the pod (not yet started, already gone,
/// or its file unreadable at that moment).
public struct AgentPodScanRange: Sendable {
    public var pods: [String] = []
    public var qos: [String] = []
    public var rows: [AgentSampleRange.Row] = []
    /// True when more scans matched than the limit: ask again from the last row's time + 1.
    public var truncated = false

    public init() {}

    /// The JSON body (`AgentWire.PodScans`).
    public func json(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64, scanIntervalNanoseconds: Int64,
                     clockUnixNanoseconds: Int64, clockMonotonicNanoseconds: Int64) throws -> String {
        try AgentWire.body(AgentWire.PodScans(
            clock: .init(unixNanoseconds: clockUnixNanoseconds, monotonicNanoseconds: clockMonotonicNanoseconds),
            fromUnixNanoseconds: from, toUnixNanoseconds: to, truncated: truncated,
            scanIntervalNanoseconds: scanIntervalNanoseconds, pods: pods, qos: qos,
            rows: rows.map { AgentWire.Row(timeUnixNanoseconds: $0.timeUnixNanoseconds, values: $0.values) }))
    }
}
