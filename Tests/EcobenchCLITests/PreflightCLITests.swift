import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench check` and the checks `ecobench run` makes first: a fixture procfs whose CPU
/// counters a thread advances as if the CPU were saturated makes `cpu_busy` fail; `enforce`
/// then stops the run before anything is stored; `--no-checks` is recorded as skipped.
@Suite(.serialized) struct PreflightCLITests {
    /// A procfs root with a `stat` whose busy ticks grow by 100 per CPU-second on 2 CPUs.
    final class BusyProc: @unchecked Sendable {
        let root: String
        private let lock = NSLock()
        private var running = true

        init(root: String) throws {
            self.root = root
            try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
            write(busy: 0)
            let thread = Thread { [self] in
                var busy: Int64 = 0
                while lock.withLock({ running }) {
                    busy += 4
                    write(busy: busy)
                    usleep(20_000)
                }
            }
            thread.start()
        }

        func write(busy: Int64) {
            let text = "cpu  \(busy) 0 0 1000 0 0 0 0 0 0\ncpu0 \(busy / 2) 0 0 500 0 0 0 0 0 0\n"
                + "cpu1 \(busy / 2) 0 0 500 0 0 0 0 0 0\n"
            try? text.write(toFile: root + "/stat", atomically: true, encoding: .utf8)
        }

        func stop() { lock.withLock { running = false } }
    }

    @Test func checkPrintsEveryCheckAndFailsOnASaturatedCPU() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let proc = try BusyProc(root: dir.path + "/proc")
        defer { proc.stop() }
        let result = try CLI.run(["check", "--json", "--proc-root", proc.root, "--sysfs-root", dir.path + "/sys",
                                  "--check-seconds", "0.5", "--db", dir.path + "/e.db"])
        #expect(result.status == 1, "a failing check exits 1: \(result.stderr)")
        let checks = try ReportCoding.decoder().decode([ReportCheck].self, from: Data(result.stdout.utf8))
        #expect(checks.map(\.name) == ["cpu_busy", "cpu_steal", "swap_activity", "cpu_governor", "turbo", "thermal",
                                       "heavy_processes", "clock_source"])
        let busy = try #require(checks.first)
        #expect(busy.status == .fail && busy.value == "100.0 %", "\(busy)")
        #expect(checks.first { $0.name == "cpu_governor" }?.value == "not exposed")
    }

    @Test func enforceStopsTheRunBeforeAnythingIsStoredAndNoChecksIsRecordedAsSkipped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let proc = try BusyProc(root: dir.path + "/proc")
        let db = dir.path + "/e.db"
        let common = ["run", "Workloads/idle.yaml", "--proc-root", proc.root, "--check-seconds", "0.5", "--db", db,
                      "--out", dir.path + "/out", "--repetitions", "1", "--baseline", "0.2", "--idle", "0.2",
                      "--load", "0.2", "--cooldown", "0.1", "--quiet"]
        let refused = try CLI.run(common + ["--checks", "enforce"])
        proc.stop()
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("pre-flight check failed: cpu_busy 100.0 %"), "\(refused.stderr)")
        #expect(refused.stderr.contains("nothing was stored"))
        #expect(!FileManager.default.fileExists(atPath: db), "the database was not even created")

        // With the real /proc (the fixture lacks what a run reads) and --no-checks: recorded as skipped.
        let skipped = try CLI.run(Array(common.prefix(2)) + ["--no-checks", "--db", db, "--out", dir.path + "/out",
                                                             "--repetitions", "1", "--baseline", "0.2", "--idle", "0.2",
                                                             "--load", "0.2", "--cooldown", "0.1", "--quiet"])
        #expect(skipped.status == 0, "\(skipped.stderr)")
        let report = try CLI.run(["report", "1", "--db", db])
        let decoded = try ReportCoding.decoder().decode(Report.self, from: Data(report.stdout.utf8))
        #expect(decoded.checks.map(\.status) == [.skipped])
        #expect(try CLI.validateReport(dir.path + "/out/run-1/report.json").status == 0)
    }
}
