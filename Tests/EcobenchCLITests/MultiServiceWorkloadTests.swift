import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Workloads/web-cache.yaml through the real CLI: nginx and redis-server as two services, each
/// in its own cgroup with its own row, wrk and redis-benchmark as the load generator in a third.
/// Needs nginx-light, wrk, redis-server and redis-tools (`make deps`) and root (cgroups).
@Suite(.serialized) struct MultiServiceWorkloadTests {
    @Test func eachServiceAndTheLoadGeneratorHaveRowsThatAddUpToTheNode() throws {
        for binary in ["nginx", "wrk", "redis-server", "redis-benchmark"] {
            try #require(ReferenceWorkloadTests.onPath(binary), "\(binary) missing: make deps")
        }
        try #require(getuid() == 0, "web-cache puts each service in its own cgroup: needs root")
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let out = dir.path + "/reports"
            let result = try CLI.run(["run", "Workloads/web-cache.yaml", "--db", dir.path + "/e.db", "--out", out,
                                      "--repetitions", "1", "--baseline", "1", "--idle", "1", "--load", "3",
                                      "--cooldown", "1", "--quiet"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let reportPath = out + "/run-1/report.json"
            let validation = try CLI.validateReport(reportPath)
            #expect(validation.status == 0, "\(validation.stdout)")
            let report = try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
            let app = try #require(report.applications.first)
            #expect(app.functionalUnits >= 1000)
            let rows = try #require(report.consumers)
            #expect(rows.map(\.name) == ["web", "cache", "load_generator"])
            #expect(rows.map(\.role) == [.service, .service, .loadGenerator])
            // Each was measured from its own cgroup: every one used CPU. Resident memory is read at
            // phase boundaries and every 5 s: the services span several boundaries, the 3 s load
            // generator none while it runs, so only the services' memory is certain to be seen.
            for row in rows {
                #expect(row.cpuSeconds > 0, "\(row.name) has no CPU time")
                #expect(row.energyJ >= 0 && row.energyJ.isFinite)
                if row.role == .service { #expect((row.maxRssBytes ?? 0) > 0, "\(row.name) has no memory") }
            }
            // The services are part of the application; the load generator is not.
            let services = rows.filter { $0.role == .service }
            #expect(services.reduce(0) { $0 + $1.cpuSeconds } <= app.cpuSeconds + 1e-9)
            #expect(services.reduce(0) { $0 + $1.energyJ } <= app.energyJ + 1e-9)
            // Conservation: application + load generator + unattributed = node, over the run and per phase.
            let generator = try #require(report.totals.loadGeneratorEnergyJ)
            #expect(abs(generator - rows[2].energyJ) < 1e-9 * max(1, generator))
            let t = report.totals
            #expect(abs(t.attributedEnergyJ + generator + t.unattributedEnergyJ - t.nodeEnergyJ) < 1e-6 * max(1, t.nodeEnergyJ))
            for phase in report.phases {
                let sum = phase.workloadEnergyJ + (phase.loadGeneratorEnergyJ ?? 0) + phase.unattributedEnergyJ
                #expect(abs(sum - phase.energyJ) < 1e-6 * max(1, phase.energyJ), "\(phase.name) does not add up")
            }
            let csv = try String(contentsOfFile: out + "/run-1/consumers.csv", encoding: .utf8)
            #expect(csv.split(separator: "\n").count == 4)  // header + web, cache, load_generator
            let html = try String(contentsOfFile: out + "/run-1/report.html", encoding: .utf8)
            #expect(html.contains("By service and load generator") && html.contains("load_generator"))
        }
        #expect(CLI.processes(containing: "redis-server 127.0.0.1:16380").isEmpty, "a redis-server survived")
        #expect(CLI.processes(containing: "wrk").isEmpty, "a wrk survived")
    }
}
