import Foundation
import EcobenchNet
import EcobenchCollect

extension AgentNodeEnergySource {
    /// Connects to every agent and measures its clock offset now, for callers that ask
    /// window by window (the Kubernetes target). Throws the first agent that does not answer
    /// or rejects the token, before anything is deployed; `notes` gets each offset and any flag.
    public static func connect(_ endpoints: [AgentEndpoint], timeoutSeconds: Double = 5,
                               notes: inout [String]) throws -> AgentNodeEnergySource {
        try connect(endpoints, http: try BlockingHTTPClient(tls: .verified, timeoutSeconds: timeoutSeconds),
                    notes: &notes)
    }

    /// The same over an HTTP client the caller keeps (a local run pulls samples with it later).
    public static func connect(_ endpoints: [AgentEndpoint], http: BlockingHTTPClient,
                               notes: inout [String]) throws -> AgentNodeEnergySource {
        var nodes: [AgentNode] = []
        for endpoint in endpoints {
            let client = AgentClient(endpoint: endpoint, http: http)
            let alignment = try ClockAlignment.measure(localClock: MonotonicClock.unixNanoseconds,
                                                       agentClock: client.clockUnixNanoseconds)
            nodes.append(AgentNode(client: client, alignment: alignment))
            notes.append(String(format: "agent %@ (%@): clock offset %.3f ms, round trip %.3f ms", endpoint.name,
                                endpoint.url, Double(alignment.offsetNanoseconds) / 1e6,
                                Double(alignment.roundTripNanoseconds) / 1e6))
            if let flag = alignment.flag(agent: endpoint.name) { notes.append("flag: " + flag) }
        }
        return AgentNodeEnergySource(nodes: nodes)
    }
}
