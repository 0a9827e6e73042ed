import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench report --sweep ID`: the three files with --out, JSON on standard output, and the
/// option errors.
@Suite struct SweepReportCLITests {
    @Test func reportSweepWritesValidJSONCSVAndHTML() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/runs.db"
        let store = try RunStore(path: db)
        let phases: [SyntheticRun.Phase] = [.init(.load, seconds: 1, powerWatts: 40, busyCPUPerSecond: 1,
                                                 workloadCPUPerSecond: 1, functionalUnits: 100)]
        let full = try SyntheticRun.write(into: store, repetitions: [phases])
        let idle = try SyntheticRun.write(into: store, repetitions: [[.init(.load, seconds: 1, powerWatts: 10,
                                                                            busyCPUPerSecond: 0, workloadCPUPerSecond: 0)]])
        let id = try store.createSweep(workload: "synthetic", levelsPercent: [100, 0], calibrationRunID: full,
                                       maxThroughputPerSecond: 100, sloP99Milliseconds: nil)
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 100, offeredRatePerSecond: 100, runID: full,
                                      achievedRatePerSecond: 100, saturated: false))
        try store.addSweepLevel(.init(sweepID: id, levelPercent: 0, offeredRatePerSecond: nil, runID: idle,
                                      achievedRatePerSecond: nil, saturated: false))
        let out = dir.path + "/sweep"
        let result = try CLI.run(["report", "--sweep", String(id), "--db", db, "--out", out, "--utilisation", "0.5"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map { ($0 as NSString).lastPathComponent }
                == ["sweep.json", "sweep.csv", "sweep.html"], "\(result.stdout)")
        let validation = try CLI.validateReport(out + "/sweep.json", schema: "sweep.schema.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let json = try CLI.run(["report", "--sweep", String(id), "--db", db, "--utilisation", "0.5"])
        let report = try ReportCoding.decoder().decode(SweepReport.self, from: Data(json.stdout.utf8))
        // U = 0.5 halfway between 10 W (idle) and 40 W (100 per s): 25 W; one level's 100/40 = 2.5 per J;
        // overall (100 + 0) / (40 + 10) = 2 per J.
        #expect(abs((report.summary.yearly?.nodePowerW.value ?? 0) - 25) < 1e-9)
        #expect(abs((report.summary.overallUnitsPerJoule?.value ?? 0) - 2) < 1e-9)

        let both = try CLI.run(["report", "1", "--sweep", String(id), "--db", db])
        #expect(both.status != 0 && both.stderr.contains("not both"), "\(both.stderr)")
        let neither = try CLI.run(["report", "--db", db])
        #expect(neither.status != 0 && neither.stderr.contains("--sweep ID"), "\(neither.stderr)")
        let missing = try CLI.run(["report", "--sweep", "99", "--db", db])
        #expect(missing.status != 0 && missing.stderr.contains("no sweep 99"), "\(missing.stderr)")
    }
}

/// `ecobench compare --by host --sweep A --sweep B`: each host's group takes its curve at group 1's
/// maximum × utilisation.
@Suite struct SweepCompareCLITests {
    @Test func compareByHostWithSweeps() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/runs.db"
        let store = try RunStore(path: db)
        func sweep(host: String, idleW: Double, fullW: Double, rate: Double) throws -> Int64 {
            func run(_ watts: Double, _ units: Double?) throws -> Int64 {
                try SyntheticRun.write(into: store, repetitions: [[.init(.load, seconds: 1, powerWatts: watts, busyCPUPerSecond: 1,
                                                                         workloadCPUPerSecond: 1, functionalUnits: units)]],
                                       hostname: host, fingerprint: String(repeating: host, count: 64))
            }
            let full = try run(fullW, rate), idle = try run(idleW, nil)
            let id = try store.createSweep(workload: "synthetic", levelsPercent: [100, 0], calibrationRunID: full,
                                           maxThroughputPerSecond: rate, sloP99Milliseconds: nil)
            try store.addSweepLevel(.init(sweepID: id, levelPercent: 100, offeredRatePerSecond: rate, runID: full,
                                          achievedRatePerSecond: rate, saturated: false))
            try store.addSweepLevel(.init(sweepID: id, levelPercent: 0, offeredRatePerSecond: nil, runID: idle,
                                          achievedRatePerSecond: nil, saturated: false))
            return id
        }
        let a = try sweep(host: "a", idleW: 100, fullW: 300, rate: 1000)
        let b = try sweep(host: "b", idleW: 40, fullW: 400, rate: 2000)
        let result = try CLI.run(["compare", "--by", "host", "--sweep", String(a), "--sweep", String(b), "--utilisation", "0.5",
                                  "--db", db, "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        // Read as plain JSON (RackDensity is written, not read back, by ecobench).
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        let groups = try #require(object?["groups"] as? [[String: Any]])
        func power(_ group: [String: Any]) -> Double? {
            ((group["sweep"] as? [String: Any])?["node_power_w"] as? [String: Any])?["value"] as? Double
        }
        // 500 units/s on each curve: a 100 + 0.5·200 = 200 W, b 40 + 0.25·360 = 130 W.
        #expect(groups.count == 2 && abs((power(groups[0]) ?? 0) - 200) < 1e-6 && abs((power(groups[1]) ?? 0) - 130) < 1e-6)
        let text = try CLI.run(["compare", "--by", "host", "--sweep", String(a), "--sweep", String(b), "--db", db])
        #expect(text.status == 0 && text.stdout.contains("sweep \(a) at"), "\(text.stdout)\(text.stderr)")
        let byRun = try CLI.run(["compare", "--sweep", String(a), "--db", db])
        #expect(byRun.status != 0 && byRun.stderr.contains("--sweep needs --by host"), "\(byRun.stderr)")
    }
}
