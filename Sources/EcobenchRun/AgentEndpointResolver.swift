import EcobenchCluster

/// The agents of a run: the workload's `agents:` plus `--agent NAME=URL` options, each with
/// its token: the item's `token_file`, else `--agent-token-file`, else `$ECOBENCH_AGENT_TOKEN`,
/// else none. Errors name the option or the file, never a token.
public enum AgentEndpointResolver {
    public static let tokenVariable = "ECOBENCH_AGENT_TOKEN"

    public static func resolve(workloadAgents: [WorkloadSpec.Agent], options: [String], tokenFile: String?,
                               environment: [String: String]) throws(AgentClientError) -> [AgentEndpoint] {
        var fallbackToken: String?
        if let tokenFile {
            fallbackToken = try AgentEndpoint.readToken(file: tokenFile)
        } else if let value = environment[tokenVariable] {
            guard !value.isEmpty else { throw .badOption(option: "$" + tokenVariable, problem: "is set but empty") }
            fallbackToken = value
        }
        var endpoints: [AgentEndpoint] = []
        for agent in workloadAgents {
            var token = fallbackToken
            if let path = agent.tokenFile { token = try AgentEndpoint.readToken(file: path) }
            endpoints.append(AgentEndpoint(name: agent.name, url: agent.url, token: token))
        }
        for option in options {
            guard let equals = option.firstIndex(of: "=") else {
                throw .badOption(option: "--agent \(option)", problem: "expected NAME=URL, e.g. db=http://10.0.0.5:9464")
            }
            let name = String(option[..<equals])
            let url = String(option[option.index(after: equals)...])
            guard AgentEndpoint.isValidName(name) else {
                throw .badOption(option: "--agent \(option)", problem: "the name must be letters, digits, '.', '_' and '-'")
            }
            guard AgentEndpoint.isValidURL(url) else {
                throw .badOption(option: "--agent \(option)",
                                 problem: "the URL must be http(s) with a host and no user:password")
            }
            guard !endpoints.contains(where: { $0.name == name }) else {
                throw .badOption(option: "--agent \(option)", problem: "an agent named '\(name)' is already given")
            }
            endpoints.append(AgentEndpoint(name: name, url: url, token: fallbackToken))
        }
        return endpoints
    }
}
