/// One agent of a run with its clock alignment (measured at the start of the run).
public struct AgentNode: Sendable {
    public var client: AgentClient
    public var alignment: ClockAlignment

    public init(client: AgentClient, alignment: ClockAlignment) {
        self.client = client
        self.alignment = alignment
    }

    public var name: String { client.endpoint.name }
    public var url: String { client.endpoint.url }
}
