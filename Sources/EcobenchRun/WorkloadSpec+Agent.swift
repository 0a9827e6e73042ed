import EcobenchCluster

extension WorkloadSpec {
    /// A node agent the run reads from (`agents:` item): its name, base URL and, optionally,
    /// the file holding its bearer token (absolute, or relative to the workload file).
    public struct Agent: Hashable, Sendable {
        public var name: String
        public var url: String
        /// As written, resolved against `{workload_dir}` when relative.
        public var tokenFile: String?
        public var location: SourceLocation

        public init(name: String, url: String, tokenFile: String? = nil, location: SourceLocation) {
            self.name = name
            self.url = url
            self.tokenFile = tokenFile
            self.location = location
        }
    }
}

extension WorkloadParser {
    package static let agentKeys = ["name", "url", "token_file"]

    /// `agents:` — a list of `{name, url, token_file?}`; names unique, URLs absolute http(s)
    /// without credentials in them.
    package static func parseAgents(_ field: YAMLField?, workloadDirectory: String) throws(WorkloadError) -> [WorkloadSpec.Agent] {
        guard let field else { return [] }
        var agents: [WorkloadSpec.Agent] = []
        for item in try field.items() {
            let mapping = try item.mapping(allowed: agentKeys, required: ["name", "url"])
            let nameField = try mapping.required("name")
            let name = try nameField.string()
            guard AgentEndpoint.isValidName(name) else {
                throw nameField.invalid("must be letters, digits, '.', '_' and '-' only, got \"\(name)\"")
            }
            if let earlier = agents.first(where: { $0.name == name }) {
                throw nameField.invalid("duplicate agent name '\(name)' (first given on line \(earlier.location.line))")
            }
            let urlField = try mapping.required("url")
            let url = try urlField.string()
            guard AgentEndpoint.isValidURL(url) else {
                throw urlField.invalid("must be an http:// or https:// URL with a host and no user:password "
                                       + "(put the token in token_file), got \"\(url)\"")
            }
            var tokenFile: String?
            if let tokenField = mapping.optional("token_file") {
                let path = try tokenField.string()
                tokenFile = path.hasPrefix("/") ? path : workloadDirectory + "/" + path
            }
            agents.append(WorkloadSpec.Agent(name: name, url: url, tokenFile: tokenFile, location: item.location))
        }
        if agents.isEmpty { throw field.invalid("must list at least one agent (or leave 'agents' out)") }
        return agents
    }
}
