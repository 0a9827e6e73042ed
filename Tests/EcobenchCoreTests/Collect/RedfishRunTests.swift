import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Whole runs through the CLI with a Redfish BMC on loopback (sushy-static serving a fixture
/// that the test rewrites while the run goes on).
@Suite("Redfish in a run", .serialized)
struct RedfishRunTests {
    func setPower(_ watts: Int, in tree: URL) throws {
        let file = tree.appendingPathComponent("Chassis/1U/Power/index.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: #""PowerConsumedWatts": [^,\n]+"#, with: "\"PowerConsumedWatts\": \(watts)",
                                      options: .regularExpression)
            .write(to: file, atomically: true, encoding: .utf8)
    }

    @Test func nodeEnergyIsTheIntegralOfTheBMCReadings() throws {
        let tree = try RedfishTestServer.copyFixture("classic")
        defer { try? FileManager.default.removeItem(at: tree) }
        try setPower(100, in: tree)
        let server = try RedfishTestServer(sushyMockup: tree.path)
        defer { server.stop() }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let secret = "planted-secret-\(UInt64.random(in: 1...UInt64.max))"
        let running = try CLI.start(
            ["run", "Workloads/idle.yaml", "--redfish", try server.url().absoluteString, "--redfish-interval", "0.2",
             "--redfish-user", "admin", "--redfish-auth", "basic", "--no-hwmon", "--no-nvml",
             "--repetitions", "1", "--baseline", "2", "--idle", "1", "--load", "3", "--cooldown", "1",
             "--db", dir.path + "/e.db", "--out", dir.path + "/out"],
            environment: ["ECOBENCH_REDFISH_PASSWORD": secret])
        usleep(4_000_000)
        let switchUnixNs = MonotonicClock.unixNanoseconds()
        try setPower(300, in: tree)
        let result = running.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let reportText = try String(contentsOfFile: dir.path + "/out/run-1/report.json", encoding: .utf8)
        let report = try ReportCoding.decoder().decode(Report.self, from: Data(reportText.utf8))
        #expect(report.nodeEnergy.rank == .wall)
        #expect(report.nodeEnergy.kind == .measured)
        #expect(report.nodeEnergy.channels == ["redfish.\(server.hostLabel).1U.energy"])
        #expect(report.sources.contains { $0.name.hasSuffix(".psu0.energy") })
        // The hand integral of the readings over the phases: 100 W before the switch, 300 W after.
        var expected = 0.0
        for phase in report.phases {
            let start = report.run.clockStartUnixNs + Int64(phase.startS * 1e9)
            let end = start + Int64(phase.durationS * 1e9)
            let before = Double(max(0, min(end, switchUnixNs) - start)) / 1e9
            let after = Double(max(0, end - max(start, switchUnixNs))) / 1e9
            expected += 100 * before + 300 * after
        }
        // A step is seen at the next poll (0.2 s) and split by the trapezoid rule: ≤ 200 W × 0.2 s.
        #expect(abs(report.totals.nodeEnergyJ - expected) <= 45, "report \(report.totals.nodeEnergyJ) J, integral \(expected) J")
        #expect(expected > 1000)
        // Every phase states its coverage and the window integral's uncertainty (Reports/README.md).
        #expect(report.phases.allSatisfy { $0.energyWindow.map { $0.coverage > 0 && $0.standardUncertaintyJ >= 0 } == true })
        // The password is nowhere: not in the database, the report, the CSVs or the output.
        var places = [reportText, result.stdout, result.stderr]
        for file in ["phases.csv", "applications.csv", "samples.csv"] {
            places.append((try? String(contentsOfFile: dir.path + "/out/run-1/" + file, encoding: .utf8)) ?? "")
        }
        for file in ["/e.db", "/e.db-wal"] {
            if let data = FileManager.default.contents(atPath: dir.path + file) {
                places.append(String(decoding: data, as: UTF8.self))
            }
        }
        #expect(!places.contains { $0.contains(secret) })
    }

    @Test func anUnreachableBMCIsANoteAndTheRunGoesOn() throws {
        let port = try #require(LoopbackSocket.freePort())
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try CLI.run(["run", "Workloads/idle.yaml", "--redfish", "http://127.0.0.1:\(port)", "--no-hwmon",
                                  "--repetitions", "1", "--baseline", "0", "--idle", "0", "--load", "1",
                                  "--cooldown", "0", "--db", dir.path + "/e.db", "--out", dir.path + "/out", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ReportCoding.decoder().decode(
            Report.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/run-1/report.json")))
        #expect(report.notes.contains { $0.hasPrefix("Redfish 127.0.0.1") && $0.contains("not used") })
        #expect(report.nodeEnergy.rank != .wall)
    }
}
