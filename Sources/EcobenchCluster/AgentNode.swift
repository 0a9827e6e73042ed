import EcobenchCollect

/// One agent of a run with its clock alignment (measured at the start of the run) and the latest
/// one measured since (after a repetition, at the end), which together give the drift.
public struct AgentNode: Sendable {
    public var client: AgentClient
    public var alignment: ClockAlignment
    public var latestAlignment: ClockAlignment?

    /// The clock mapping windows are asked with: the start offset, drifting linearly to the latest.
    public var clock: ClockDrift { ClockDrift(start: alignment, latest: latestAlignment) }

    public init(client: AgentClient, alignment: ClockAlignment) {
        self.client = client
        self.alignment = alignment
    }

    public var name: String { client.endpoint.name }
    public var url: String { client.endpoint.url }

    /// Measures the agent's clock again now (`ClockAlignment.measure`); the result becomes
    /// `latestAlignment`, so windows asked next drift from the start offset to it. A failure
    /// throws and keeps the previous latest alignment.
    @discardableResult
    public mutating func realign() throws(AgentClientError) -> ClockAlignment {
        let now = try ClockAlignment.measure(localClock: MonotonicClock.unixNanoseconds,
                                             agentClock: client.clockUnixNanoseconds)
        latestAlignment = now
        return now
    }

    /// The start alignment as a record for the run (`node_clocks`, the Kubernetes section).
    public var startRecord: NodeClockRecord {
        NodeClockRecord(node: name, url: url, moment: .start, alignment: alignment, error: nil)
    }
}
