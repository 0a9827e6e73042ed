import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `kill -9` of a real `ecobench run` at random moments: the database stays sound, the run
/// shows as interrupted with what it holds, its report works (partial) or says nothing was
/// measured, and no workload process outlives ecobench.
@Suite(.serialized) struct CrashSafetyTests {
    static let kills = 20

    func workload(in dir: String, marker: String) throws -> String {
        let path = dir + "/crash.yaml"
        try """
            name: crash
            description: a day-long service and a load with a child, killed at random
            functional_unit: op
            service: {argv: [sleep, "\(marker)1"]}
            load:
              argv: [sh, -c, "sleep \(marker)2 & sleep {load_s}; wait"]
              functional_units: {count: 1}
            phases: {baseline_s: 0.4, idle_s: 0.3, load_s: 0.6, cooldown_s: 0.2}
            repetitions: 3
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func killNineAtRandomMomentsKeepsTheDatabaseSoundAndLeavesNoProcess() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let marker = "86\(Int.random(in: 100...999))"
        let file = try workload(in: dir.path, marker: marker)
        let db = dir.path + "/crash.db"
        var generator = SystemRandomNumberGenerator()
        var reportsWithPhases = 0
        var maxLostS = 0.0
        var previousRunID: Int64?
        for round in 1...Self.kills {
            let delay = Double.random(in: 0.2...1.8, using: &generator)
            let running = try CLI.start(["run", file, "--db", db, "--out", dir.path + "/out", "--interval", "50",
                                         "--quiet", "--no-checks"])
            usleep(UInt32(delay * 1e6))
            let killedAtUnixNs = MonotonicClock.unixNanoseconds()
            kill(running.process.processIdentifier, SIGKILL)
            _ = running.finish()
            let context = "round \(round), killed after \(String(format: "%.2f", delay)) s"

            // No workload process survives, before any later ecobench command cleans up.
            var left = CLI.processes(containing: "sleep \(marker)")
            for _ in 0..<100 where !left.isEmpty {
                usleep(20_000)
                left = CLI.processes(containing: "sleep \(marker)")
            }
            #expect(left.isEmpty, "\(context): workload processes survived: \(left)")
            left.forEach { kill($0, SIGKILL) }

            let check = try CrashSafetyTests.integrity(db)
            #expect(check.integrity == "ok", "\(context): integrity_check says \(check.integrity)")
            // Nothing flushed yet: everything since the run's clock started is what was lost.
            let newRun = check.lastRunID != nil && check.lastRunID != previousRunID
            previousRunID = check.lastRunID
            if newRun, let last = check.lastSampleUnixNs ?? check.clockStartUnixNs {
                // At most one flush interval (1 s), plus the flush in progress and scheduling delays
                // on a loaded 2-core VM (1.74 s seen once beside a parallel build), is lost.
                let lostS = Double(killedAtUnixNs - last) / 1e9
                maxLostS = max(maxLostS, lostS)
                #expect(lostS < 2.0, "\(context): the last stored sample is \(lostS) s before the kill")
            }
            guard newRun, let runID = check.lastRunID else { continue }  // killed before the run was created

            let listed = try CLI.run(["runs", "--db", db, "--json"])
            #expect(listed.status == 0, "\(context): \(listed.stderr)")
            let lastLine = listed.stdout.split(separator: "\n").last.map(String.init) ?? ""
            #expect(lastLine.contains("\"interrupted\"") && lastLine.contains("\"\(runID)\""),
                    "\(context): \(listed.stdout)")
            let report = try CLI.run(["report", String(runID), "--db", db])
            if report.status == 0 {
                reportsWithPhases += 1
                #expect(report.stderr.contains("partial"), "\(context): \(report.stderr)")
                let decoded = try ReportCoding.decoder().decode(Report.self, from: Data(report.stdout.utf8))
                #expect(decoded.run.interrupted && decoded.run.partial, "\(context)")
            } else {
                #expect(report.stderr.contains("nothing was measured"), "\(context): \(report.stderr)")
            }
        }
        #expect(reportsWithPhases > 0, "no kill came late enough to leave a completed phase")
        print("crash safety: \(Self.kills) kills, \(reportsWithPhases) reports with phases, "
              + String(format: "at most %.2f s of samples lost", maxLostS))
        #expect(try CrashSafetyTests.leftoverCgroups().isEmpty, "cgroups of killed runs were left behind")
    }

    static func integrity(_ path: String) throws
        -> (integrity: String, lastRunID: Int64?, lastSampleUnixNs: Int64?, clockStartUnixNs: Int64?) {
        let db = try SQLiteDatabase(path: path)
        var result = ""
        try db.prepare("PRAGMA integrity_check").query { result += ($0.string(0) ?? "") }
        var runID: Int64?
        var lastSample: Int64?
        var clockStart: Int64?
        try db.prepare("SELECT id, clock_start_unix_ns FROM runs ORDER BY id DESC LIMIT 1").query { row in
            runID = row.int64(0)
            let start = row.int64(1)
            clockStart = start
            if let t = try SampleTampering.lastSampleNanoseconds(runID: row.int64(0), databasePath: db.path) {
                lastSample = start + t
            }
        }
        return (result, runID, lastSample, clockStart)
    }

    static func leftoverCgroups() throws -> [String] {
        let ours = "ecobench-"
        return ["/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/cpuacct"].flatMap { parent in
            ((try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [])
                .filter { $0.hasPrefix(ours) }
                .filter { name in
                    // Another test's live run may own one: only those of dead processes count.
                    let pid = name.dropFirst(ours.count).split(separator: "-").first.flatMap { Int32($0) } ?? 0
                    return pid > 0 && !RunStore.processIsAlive(pid)
                }
                .map { parent + "/" + $0 }
        }
    }
}
