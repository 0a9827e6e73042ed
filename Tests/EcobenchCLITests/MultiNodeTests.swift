import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --agent …`: several real agents on loopback, each over its own fixture RAPL
/// root advancing at a known power; the run pulls their samples per phase and reports each
/// node's energy. Bad agents: unreachable before the run, one that dies mid-run, a wrong token.
@Suite(.serialized) struct MultiNodeTests {
    /// Per phase: 5 % of the fixture's integral plus 0.1 s of its power (the fixture writer's
    /// step, the agent's 50 ms sampling and scheduling on a loaded 2-core VM).
    static func tolerance(watts: Double, seconds: Double) -> Double { 0.05 * watts * seconds + 0.1 * watts }

    @Test func threeAgentsGivePerNodeEnergyMatchingTheFixturesAndConservedTotals() throws {
        try Exclusive.run { try threeAgents() }
    }

    func threeAgents() throws {
        let harness = try MultiNodeHarness()
        defer { harness.tearDown() }
        let watts = ["a": 10.0, "b": 20.0, "c": 35.0]
        var urls: [String: String] = [:]
        for (name, power) in watts { urls[name] = try harness.startAgent(name, watts: power) }
        let result = try CLI.run(try harness.runArguments(try harness.workload(), agents: urls))
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let validation = try CLI.validateReport(harness.directory.path + "/out/run-1/report.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let report = try harness.report()
        let cluster = try #require(report.cluster, "no cluster section")
        #expect(cluster.nodes.map(\.name).sorted() == ["a", "b", "c"])
        for node in cluster.nodes {
            let power = try #require(watts[node.name])
            #expect(node.kind == .measured && node.source.contains("rapl.package-0"), "\(node.source)")
            #expect(node.url == urls[node.name])
            #expect(node.flags.isEmpty, "\(node.flags)")
            // Same host, same clock: the offset is within a few ms and not flagged.
            #expect(abs(node.clockOffsetMs ?? 1e9) < 50, "offset \(node.clockOffsetMs ?? .nan) ms")
            #expect(node.clockOffsetEndMs != nil && node.clockRttMs != nil)
            #expect(node.phases.count == 4)
            for phase in node.phases {
                let expected = power * phase.durationS
                #expect(abs(phase.energyJ - expected) <= Self.tolerance(watts: power, seconds: phase.durationS),
                        "\(node.name) \(phase.name): \(phase.energyJ) J, fixture \(expected) J")
                #expect(phase.coverage > 0.99, "\(node.name) \(phase.name) coverage \(phase.coverage)")
                #expect(phase.busyCpuSeconds != nil)
                #expect(abs(phase.attributedEnergyJ + phase.unattributedEnergyJ - phase.energyJ) < 1e-9)
            }
            let total = node.phases.reduce(0) { $0 + $1.energyJ }
            let seconds = node.phases.reduce(0) { $0 + $1.durationS }
            #expect(abs(total - node.energyJ) < 1e-9)
            #expect(abs(node.energyJ - power * seconds) <= Self.tolerance(watts: power, seconds: seconds))
            #expect(abs(node.attributedEnergyJ + node.unattributedEnergyJ - node.energyJ) < 1e-9)
        }
        // Totals: the sum over nodes, conserved, and per phase the sum of the nodes' phases.
        let sum = cluster.nodes.reduce(0) { $0 + $1.energyJ }
        #expect(abs(cluster.totals.energyJ - sum) < 1e-9 && cluster.totals.nodes == 3)
        #expect(abs(cluster.totals.attributedEnergyJ + cluster.totals.unattributedEnergyJ - cluster.totals.energyJ) < 1e-9)
        #expect(abs(cluster.phases.reduce(0) { $0 + $1.energyJ } - sum) < 1e-9)
        #expect(cluster.totals.kind == .measured)
        // The local host's own energy is unchanged by the agents and still conserved.
        #expect(abs(report.totals.attributedEnergyJ + report.totals.unattributedEnergyJ - report.totals.nodeEnergyJ) < 1e-9)
        #expect(FileManager.default.fileExists(atPath: harness.directory.path + "/out/run-1/nodes.csv"))
        // The HTML page has the cluster section: one row per node in its node table, with the agent's URL.
        let html = try String(contentsOfFile: harness.directory.path + "/out/run-1/report.html", encoding: .utf8)
        let section = try #require(html.range(of: "<section id=\"cluster\">").map { String(html[$0.lowerBound...]) })
        for name in ["a", "b", "c"] {
            #expect(section.contains("<tr><td>\(name)<br><span class=\"mono\">\(try #require(urls[name]))</span></td>"))
        }
        // `ecobench report` rebuilds the cluster section from the database alone: stop the agents first.
        for agent in harness.agents { kill(agent.processIdentifier, SIGKILL) }
        let again = try CLI.run(["report", "1", "--db", harness.directory.path + "/e.db"])
        #expect(again.status == 0, "\(again.stderr)")
        let regenerated = try ReportCoding.decoder().decode(Report.self, from: Data(again.stdout.utf8))
        #expect(regenerated.cluster == cluster)
    }

    @Test func anAgentUnreachableAtTheStartStopsTheRunWithAClearError() throws {
        let harness = try MultiNodeHarness()
        defer { harness.tearDown() }
        let port = try AgentHarness.freePort()
        let result = try CLI.run(try harness.runArguments(try harness.workload(),
                                                          agents: ["ghost": "http://127.0.0.1:\(port)"]))
        #expect(result.status != 0)
        #expect(result.stderr.contains("agent ghost: http://127.0.0.1:\(port)/clock unreachable"), "\(result.stderr)")
        #expect(!FileManager.default.fileExists(atPath: harness.directory.path + "/out/run-1"))
    }

    @Test func aWrongTokenIsA401NamingTheAgent() throws {
        try Exclusive.run {
            let harness = try MultiNodeHarness()
            defer { harness.tearDown() }
            let token = "agent-token-\(UUID().uuidString)"
            let url = try harness.startAgent("secure", watts: 10, token: token)
            let wrongFile = harness.directory.path + "/wrong.token"
            try "expired-\(UUID().uuidString)\n".write(toFile: wrongFile, atomically: true, encoding: .utf8)
            let arguments = try harness.runArguments(try harness.workload(), agents: ["secure": url])
            let wrong = try CLI.run(arguments + ["--agent-token-file", wrongFile])
            #expect(wrong.status != 0)
            #expect(wrong.stderr.contains("agent secure: \(url)/clock answered 401 unauthorized: token rejected or expired"),
                    "\(wrong.stderr)")
            let none = try CLI.run(arguments)  // assumes $ECOBENCH_AGENT_TOKEN is not set for the tests
            #expect(none.status != 0 && none.stderr.contains("401 unauthorized: the agent requires a bearer token"),
                    "\(none.stderr)")
            let empty = try CLI.run(arguments, environment: ["ECOBENCH_AGENT_TOKEN": ""])
            #expect(empty.status != 0 && empty.stderr.contains("$ECOBENCH_AGENT_TOKEN: is set but empty"), "\(empty.stderr)")
            #expect(!wrong.stderr.contains(token) && !none.stderr.contains(token))
        }
    }

    @Test func anAgentThatDiesMidRunKeepsItsEarlierRepetitionsAndTheLaterOnesAreFlaggedGaps() throws {
        try Exclusive.run {
            let harness = try MultiNodeHarness()
            defer { harness.tearDown() }
            let urls = ["up": try harness.startAgent("up", watts: 10), "down": try harness.startAgent("down", watts: 20)]
            let running = try CLI.start(try harness.runArguments(try harness.workload(repetitions: 2), agents: urls))
            // Repetition 1's samples are pulled after its cooldown: once they are in the database,
            // kill the agent (repetition 2 is then under way; its buffer goes with it).
            let pulled = Self.waitForNodeEnergy(db: harness.directory.path + "/e.db", node: "down", repetition: 1,
                                                seconds: 60)
            let down = harness.agents[1]
            kill(down.processIdentifier, SIGKILL)
            let result = running.finish()
            #expect(pulled, "repetition 1 of agent down was not stored within 60 s")
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let report = try harness.report()
            let cluster = try #require(report.cluster)
            let dead = try #require(cluster.nodes.first { $0.name == "down" })
            let alive = try #require(cluster.nodes.first { $0.name == "up" })
            #expect(dead.phases.count == 8 && alive.phases.count == 8)
            for phase in dead.phases where phase.repetition == 1 {
                #expect(phase.coverage > 0.99, "\(phase.name) coverage \(phase.coverage)")
                #expect(abs(phase.energyJ - 20 * phase.durationS) <= Self.tolerance(watts: 20, seconds: phase.durationS),
                        "down rep 1 \(phase.name): \(phase.energyJ) J")
            }
            for phase in dead.phases where phase.repetition == 2 {
                #expect(phase.coverage == 0 && phase.energyJ == 0, "\(phase.name) \(phase.coverage) \(phase.energyJ)")
                #expect(phase.notes.contains { $0.hasPrefix("no data (gap):") }, "\(phase.notes)")
            }
            #expect(dead.minCoverage == 0 && dead.energyJ > 0)
            #expect(dead.flags.contains { $0.contains("clock at end: agent down:") && $0.contains("unreachable") },
                    "\(dead.flags)")
            #expect(dead.flags.contains { $0.hasPrefix("gap: 4 of 8 phase window(s)") }, "\(dead.flags)")
            #expect(dead.clockOffsetMs != nil && dead.clockOffsetEndMs == nil)
            #expect(alive.minCoverage > 0.99 && alive.flags.isEmpty, "\(alive.flags)")
            #expect(abs(cluster.totals.energyJ - alive.energyJ - dead.energyJ) < 1e-9)
            #expect(cluster.totals.minCoverage == 0)
            // Conservation holds for the partial node too.
            #expect(abs(dead.attributedEnergyJ + dead.unattributedEnergyJ - dead.energyJ) < 1e-9)
        }
    }

    /// Polls the run database (read-only, beside the running `ecobench run`) until `node` has
    /// stored readings for `repetition`; false after `seconds`.
    static func waitForNodeEnergy(db: String, node: String, repetition: Int, seconds: Double) -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if FileManager.default.fileExists(atPath: db), let store = try? RunStore(path: db, readOnly: true),
               let rows = try? store.nodeEnergy(runID: 1),
               rows.contains(where: { $0.energy.node == node && $0.window.repetition == repetition }) {
                return true
            }
            usleep(50_000)
        }
        return false
    }
}
