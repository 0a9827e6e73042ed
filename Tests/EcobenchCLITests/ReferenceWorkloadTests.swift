import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// redis-kv and postgres-oltp through the real CLI: real redis-server and PostgreSQL as the
/// service, real redis-benchmark and pgbench as the load. Needs the Debian packages
/// redis-server, redis-tools and postgresql (`make deps` installs them) and root (PostgreSQL
/// runs as the user postgres via setpriv).
@Suite(.serialized) struct ReferenceWorkloadTests {
    static func onPath(_ binary: String) -> Bool {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").contains { FileManager.default.isExecutableFile(atPath: "\($0)/\(binary)") }
    }

    /// Runs `workload` with short phases and returns its decoded report after the checks every
    /// reference workload must pass.
    func runShort(_ workload: String, unit: String) throws -> Report {
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let out = dir.path + "/reports"
            let result = try CLI.run(["run", "Workloads/\(workload).yaml", "--db", dir.path + "/e.db", "--out", out,
                                      "--repetitions", "1", "--baseline", "1", "--idle", "1", "--load", "3",
                                      "--cooldown", "1", "--quiet"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let reportPath = out + "/run-1/report.json"
            let validation = try CLI.validateReport(reportPath)
            #expect(validation.status == 0, "\(validation.stdout)")
            let report = try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
            #expect(report.run.status == .completed)
            let app = try #require(report.applications.first)
            #expect(app.name == workload)
            #expect(app.functionalUnit == unit)
            #expect(app.functionalUnits > 0)
            // Present; zero is possible when other processes on the machine made the baseline
            // busier than the load phase (no dynamic energy to attribute).
            let perUnit = try #require(app.energyPerUnitJ)
            #expect(perUnit >= 0 && perUnit.isFinite)
            // Teardown removed the scratch data; the load logs stay.
            let work = out + "/run-1/work"
            #expect(FileManager.default.fileExists(atPath: work + "/load-1.stdout"))
            #expect(!FileManager.default.fileExists(atPath: work + "/redis"))
            #expect(!FileManager.default.fileExists(atPath: work + "/postgres"))
            return report
        }
    }

    @Test func redisKVCountsRequestsAndLeavesNoRedisServer() throws {
        for binary in ["redis-server", "redis-benchmark"] {
            try #require(Self.onPath(binary), "\(binary) missing: apt-get install redis-server redis-tools (make deps)")
        }
        let report = try runShort("redis-kv", unit: "request")
        // 3 s of SET/GET at tens of thousands per second: far more than one round.
        #expect((report.applications.first?.functionalUnits ?? 0) >= 20_000)
        #expect(CLI.processes(containing: "redis-server 127.0.0.1:16379").isEmpty, "a redis-server survived")
        #expect(CLI.processes(containing: "redis-benchmark").isEmpty, "a redis-benchmark survived")
    }

    @Test func postgresOLTPCountsTransactionsAndLeavesNoPostgres() throws {
        try #require(Self.onPath("pgbench"), "pgbench missing: apt-get install postgresql (make deps)")
        try #require(getuid() == 0, "postgres-oltp needs root (setpriv to the user postgres)")
        let report = try runShort("postgres-oltp", unit: "transaction")
        #expect((report.applications.first?.functionalUnits ?? 0) >= 100)
        // Nothing of this workload's server or its temporary setup server is left: pg.sh gives
        // every process of both the title "postgres: ecobench-oltp: ..." or "-p 15432" in argv.
        for marker in ["ecobench-oltp", "-p 15432"] {
            #expect(CLI.processes(containing: marker).isEmpty, "a postgres of the workload survived (\(marker))")
        }
        #expect(CLI.processes(containing: "pgbench").isEmpty, "a pgbench survived")
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/tmp")) ?? []
        #expect(!leftovers.contains { $0.hasPrefix("ecobench-postgres.") }, "a data directory survived in /tmp")
    }
}
