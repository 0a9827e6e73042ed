import EcobenchCore
import Testing

@Suite struct WorkloadAgentsTests {
    static let base = """
        name: demo
        description: a demo
        functional_unit: request
        load:
          argv: [echo, "{load_s}"]
          functional_units:
            count: 1
        agents:
        """

    static func parse(_ agents: String) throws(WorkloadError) -> WorkloadSpec {
        try WorkloadParser.parse(yaml: base + "\n" + agents, file: "/w/x.yaml")
    }

    @Test func agentsParseWithTokenFileRelativeToTheWorkload() throws {
        let spec = try Self.parse("""
              - {name: db, url: "http://10.0.0.5:9464", token_file: secrets/db.token}
              - name: cache
                url: https://cache.example:9464/
            """)
        #expect(spec.agents.map(\.name) == ["db", "cache"])
        #expect(spec.agents[0].tokenFile == "/w/secrets/db.token")
        #expect(spec.agents[1].tokenFile == nil)
        #expect(spec.agents[0].location.line == 9)
    }

    @Test func badAgentsAreLocated() {
        func message(_ agents: String) -> String {
            do { _ = try Self.parse(agents); return "parsed" } catch { return "\(error)" }
        }
        #expect(message("  - {name: db, url: 'ftp://x'}").hasPrefix("/w/x.yaml:9: agents[0].url: must be an http"))
        #expect(message("  - {name: db, url: 'http://u:p@x:1'}").contains("no user:password"))
        #expect(message("  - {name: 'a b', url: 'http://x:1'}").hasPrefix("/w/x.yaml:9: agents[0].name:"))
        let duplicate = message("  - {name: a, url: 'http://x:1'}\n  - {name: a, url: 'http://y:1'}")
        #expect(duplicate.hasPrefix("/w/x.yaml:10: agents[1].name: duplicate agent name 'a' (first given on line 9)"),
                "\(duplicate)")
        #expect(message("  - {name: a, url: 'http://x:1', token: s}").contains("unknown key 'token'"))
        #expect(message("  - {url: 'http://x:1'}").contains("required key 'name' is missing"))
    }

    @Test func commandLineAgentsJoinTheWorkloadsAndTakeTheFallbackToken() throws {
        let spec = try Self.parse("  - {name: db, url: 'http://10.0.0.5:9464'}")
        let endpoints = try AgentEndpointResolver.resolve(
            workloadAgents: spec.agents, options: ["web=http://127.0.0.1:9500"], tokenFile: nil,
            environment: ["ECOBENCH_AGENT_TOKEN": "s3cret"])
        #expect(endpoints.map(\.name) == ["db", "web"])
        #expect(endpoints.allSatisfy { $0.token == "s3cret" })
        #expect(!endpoints[0].description.contains("s3cret"))
        #expect(throws: AgentClientError.self) {
            _ = try AgentEndpointResolver.resolve(workloadAgents: spec.agents, options: ["db=http://x:1"],
                                                  tokenFile: nil, environment: [:])
        }
        do {
            _ = try AgentEndpointResolver.resolve(workloadAgents: [], options: ["nourl"], tokenFile: nil, environment: [:])
            Issue.record("accepted --agent without '='")
        } catch {
            #expect("\(error)".hasPrefix("--agent nourl: expected NAME=URL"))
        }
    }
}
