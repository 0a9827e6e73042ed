import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun

/// The service workloads shipped beside nginx-static: they parse, and their functional-unit
/// patterns count the load generators' real output.
@Suite("Workload parser: redis-kv and postgres-oltp")
struct ReferenceWorkloadParserTests {
    private func shipped(_ name: String) throws -> WorkloadSpec {
        let path = WorkloadTestSupport.workloadsDirectory.appendingPathComponent(name).path
        return try WorkloadParser.parse(fileAtPath: path)
    }

    @Test func parsesRedisKVAndSumsRedisBenchmarkRounds() throws {
        let spec = try shipped("redis-kv.yaml")
        #expect(spec.name == "redis-kv")
        #expect(spec.functionalUnit == "request")
        #expect(spec.requirements.map(\.binary) == ["redis-server", "redis-benchmark"])
        #expect(spec.requirements.map(\.debianPackage) == ["redis-server", "redis-tools"])
        #expect(spec.readiness.first?.probe == .tcp(host: "127.0.0.1", port: 16379))
        let values = spec.placeholderValues(runDirectory: "/tmp/run")
        let service = try #require(spec.service).resolved(with: values)
        #expect(service.argv.first == "redis-server")
        for setting in [["--port", "16379"], ["--save", ""], ["--appendonly", "no"], ["--daemonize", "no"],
                        ["--dir", "/tmp/run/redis"], ["--bind", "127.0.0.1"]] {
            #expect(service.argv.indices.contains { service.argv[$0...].starts(with: setting) }, "\(setting)")
        }
        let load = try #require(spec.load.command).resolved(with: values)
        #expect(load.argv.contains("\(spec.workloadDirectory)/redis-kv/load.sh"))
        #expect(FileManager.default.fileExists(atPath: "\(spec.workloadDirectory)/redis-kv/load.sh"))
        // Two rounds of load.sh (redis-benchmark 7.0, progress lines split at \r).
        let stdout = """
             SET: rps=0.0 (overall: -nan) avg_msec=-nan (overall: -nan)
            ====== SET ======
              10000 requests completed in 0.12 seconds
            ====== GET ======
              10000 requests completed in 0.11 seconds
            ====== SET ======
              10000 requests completed in 0.10 seconds
            ====== GET ======
              9000 requests completed in 0.09 seconds
            """
        let units = try spec.load.functionalUnits.units(stdout: stdout, stderr: "redis-kv: 2 rounds", loadDurationSeconds: 0.4)
        #expect(units == 39_000)
    }

    @Test func parsesPostgresOLTPAndCountsPgbenchTransactions() throws {
        let spec = try shipped("postgres-oltp.yaml")
        #expect(spec.name == "postgres-oltp")
        #expect(spec.functionalUnit == "transaction")
        #expect(spec.requirements.map(\.binary) == ["pgbench", "setpriv"])
        #expect(spec.requirements.first?.debianPackage == "postgresql")
        #expect(spec.setup.count == 1 && spec.teardown.count == 1)
        #expect(spec.readiness.count == 2)
        #expect(spec.readiness.first?.probe == .tcp(host: "127.0.0.1", port: 15432))
        let values = spec.placeholderValues(runDirectory: "/tmp/run")
        let service = try #require(spec.service).resolved(with: values)
        #expect(service.argv == ["/bin/sh", "\(spec.workloadDirectory)/postgres-oltp/pg.sh", "service", "/tmp/run", "15432"])
        #expect(FileManager.default.fileExists(atPath: "\(spec.workloadDirectory)/postgres-oltp/pg.sh"))
        let load = try #require(spec.load.command).resolved(with: values)
        #expect(load.argv.contains("30"), "{load_s} of the file's phases")
        // pgbench 15.18, -c 4 -j 2 -T 3.
        let stdout = """
            pgbench (15.18 (Debian 15.18-0+deb12u1))
            transaction type: <builtin: TPC-B (sort of)>
            scaling factor: 5
            query mode: simple
            number of clients: 4
            number of threads: 2
            maximum number of tries: 1
            duration: 3 s
            number of transactions actually processed: 10068
            number of failed transactions: 0 (0.000%)
            latency average = 1.192 ms
            initial connection time = 8.070 ms
            tps = 3355.420631 (without initial connection time)
            """
        let units = try spec.load.functionalUnits.units(stdout: stdout, stderr: "", loadDurationSeconds: 3)
        #expect(units == 10_068)
    }
}
