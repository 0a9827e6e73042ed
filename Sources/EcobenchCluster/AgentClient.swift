import Foundation
import EcobenchNet

/// Talks to one node agent: `GET /clock`, `GET /samples` and `GET /pods` (following `truncated` pages),
/// with its bearer token when it has one. Synchronous, from the run's control thread.
public final class AgentClient: @unchecked Sendable {
    public let endpoint: AgentEndpoint
    private let http: BlockingHTTPClient
    /// Rows asked for per `/samples` page (the agent answers at most its own maximum).
    public var pageRows = 50_000
    /// Pages followed at most for one range (a guard against an agent that never ends).
    public var maxPages = 1_000

    public init(endpoint: AgentEndpoint, http: BlockingHTTPClient) {
        self.endpoint = endpoint
        self.http = http
    }

    /// The agent's unix time now (ns), from `/clock`.
    public func clockUnixNanoseconds() throws(AgentClientError) -> Int64 {
        let url = endpoint.url + "/clock"
        let body = try get(url)
        do throws(AgentSamplesDecoder.FieldError) { return try AgentSamplesDecoder.clock(body) } catch {
            throw .malformed(agent: endpoint.name, url: url, field: error.field, problem: error.problem)
        }
    }

    /// Every buffered tick with `from <= t <= to` (agent unix ns), all pages merged.
    public func samples(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64) throws(AgentClientError) -> AgentSamples {
        try pages("/samples", from: from, to: to, decode: AgentSamplesDecoder.samples)
    }

    /// Every buffered pod cgroup scan with `from <= t <= to` (agent unix ns), all pages merged:
    /// one column per pod UID (unit s, a counter), null where a scan did not find the pod.
    /// An agent without pod data (`--cgroup-root none`, or one older than `/pods`) answers 404.
    public func podScans(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64) throws(AgentClientError) -> AgentSamples {
        try pages("/pods", from: from, to: to, decode: AgentSamplesDecoder.podScans)
    }

    private func pages(_ path: String, from: Int64, to: Int64,
                       decode: (Data) throws(AgentSamplesDecoder.FieldError) -> AgentSamples) throws(AgentClientError) -> AgentSamples {
        var merged = AgentSamples()
        var lower = from
        for _ in 0..<maxPages {
            let url = endpoint.url + path + "?from=\(lower)&to=\(to)&limit=\(pageRows)"
            let body = try get(url)
            let page: AgentSamples
            do throws(AgentSamplesDecoder.FieldError) { page = try decode(body) } catch {
                throw .malformed(agent: endpoint.name, url: url, field: error.field, problem: error.problem)
            }
            merged.append(page)
            guard page.truncated, let last = page.rows.last?.timeUnixNanoseconds, last < to, last >= lower else {
                merged.truncated = false
                return merged
            }
            lower = last + 1
        }
        merged.truncated = true
        return merged
    }

    private func get(_ url: String) throws(AgentClientError) -> Data {
        var headers: [(String, String)] = [("Accept", "application/json")]
        if let token = endpoint.token { headers.append(("Authorization", "Bearer \(token)")) }
        let response: HTTPResponse
        do { response = try http.get(url, headers: headers) } catch let error as HTTPTransportError {
            throw .unreachable(agent: endpoint.name, url: url, detail: error.description)
        } catch {
            throw .unreachable(agent: endpoint.name, url: url, detail: "\(error)")
        }
        switch response.status {
        case 200: return response.body
        case 401: throw .unauthorized(agent: endpoint.name, url: url, sentToken: endpoint.token != nil)
        default:
            throw .status(agent: endpoint.name, url: url, status: response.status,
                          body: response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines))
        }
    }
}
