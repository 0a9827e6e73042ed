/// Why an agent gave no usable answer. Every case names the agent and the URL asked; none
/// carries the token.
public enum AgentClientError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No answer: connection refused, timeout, TLS (the transport's own message).
    case unreachable(agent: String, url: String, detail: String)
    /// 401: the agent wants a token and the one sent (or none) was not accepted.
    case unauthorized(agent: String, url: String, sentToken: Bool)
    /// Any other non-200 status.
    case status(agent: String, url: String, status: Int, body: String)
    /// 200 but not the JSON the agent documents; `field` names what was missing or wrong.
    case malformed(agent: String, url: String, field: String, problem: String)
    /// A token file that cannot be used.
    case tokenFile(path: String, problem: String)
    /// A command-line option (`--agent`) or variable that names agents wrongly.
    case badOption(option: String, problem: String)

    public var description: String {
        switch self {
        case let .unreachable(agent, url, detail):
            return "agent \(agent): \(url) unreachable: \(detail)"
        case let .unauthorized(agent, url, sentToken):
            return "agent \(agent): \(url) answered 401 unauthorized: "
                + (sentToken ? "token rejected or expired" : "the agent requires a bearer token and none was given "
                   + "(token_file in the workload's agents:, --agent-token-file or $ECOBENCH_AGENT_TOKEN)")
        case let .status(agent, url, status, body):
            return "agent \(agent): \(url) answered HTTP \(status): \(body.prefix(200))"
        case let .malformed(agent, url, field, problem):
            return "agent \(agent): \(url): malformed JSON, field '\(field)': \(problem)"
        case let .tokenFile(path, problem):
            return "agent token file \(path): \(problem)"
        case let .badOption(option, problem):
            return "\(option): \(problem)"
        }
    }
}
