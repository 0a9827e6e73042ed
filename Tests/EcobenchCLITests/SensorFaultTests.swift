import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A RAPL counter that vanishes, comes back as a new file and is reset lower during a real
/// run (`--sysfs-root` on a fixture the test rewrites): each fault is a gap with its start
/// and end, the report shows how much of each phase it covers, and no energy is invented.
@Suite(.serialized) struct SensorFaultTests {
    @Test func vanishingAndResetRAPLCountersAreGapsWithoutInventedEnergy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let watts = 10.0
        let writer = try RAPLFixtureWriter(root: dir.path + "/sys", watts: watts)
        writer.start()
        defer { writer.stop() }
        let running = try CLI.start(["run", "Workloads/idle.yaml", "--sysfs-root", dir.path + "/sys", "--no-hwmon",
                                     "--no-nvml", "--no-checks", "--repetitions", "1", "--baseline", "1", "--idle", "1",
                                     "--load", "4", "--cooldown", "1", "--interval", "50",
                                     "--db", dir.path + "/e.db", "--out", dir.path + "/out", "--quiet"])
        usleep(2_500_000)
        writer.vanish()
        usleep(1_000_000)
        writer.reappear(atMicrojoules: 5_000)
        usleep(1_000_000)
        writer.resetCounter(toMicrojoules: 1_000)
        let result = running.finish()
        #expect(result.status == 0, "\(result.stderr)")
        let report = try ReportCoding.decoder().decode(
            Report.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/run-1/report.json")))
        #expect(report.nodeEnergy.channels == ["rapl.package-0"], "\(report.nodeEnergy)")
        let gaps = report.gaps.filter { $0.source == "rapl.package-0" }
        // The vanished file (about a second), its re-creation and the reset: at least two gaps.
        #expect(gaps.count >= 2, "\(report.gaps)")
        let longest = try #require(gaps.max { ($0.endS ?? 0) - $0.startS < ($1.endS ?? 0) - $1.startS })
        let longestS = (longest.endS ?? 0) - longest.startS
        #expect(longestS > 0.7 && longestS < 2, "the vanished stretch: \(longest)")
        #expect(gaps.allSatisfy { $0.endS != nil }, "every fault ended before the run did")
        #expect(gaps.contains { !$0.phases.isEmpty && $0.phases.allSatisfy { $0.fraction > 0 && $0.fraction <= 1 } })
        // No energy invented: at most the power × the time, none for a reset taken for a wrap
        // (that would add ~262 kJ); and the gaps' time is missing from it.
        let expected = watts * report.totals.durationS
        #expect(report.totals.nodeEnergyJ < expected, "\(report.totals.nodeEnergyJ) J over \(report.totals.durationS) s")
        #expect(report.totals.nodeEnergyJ > 0.5 * expected, "\(report.totals.nodeEnergyJ) J")
        #expect(report.notes.contains { $0.contains("gap in rapl.package-0") && $0.contains("interpolated between the readings on either side") })
        // Each gap names its cause (the zone's path as discovery finds it, through the class link).
        let path = dir.path + "/sys/class/powercap/intel-rapl:0/energy_uj"
        #expect(gaps.contains { $0.reason.hasPrefix("vanished: \(path)") }, "\(gaps.map(\.reason))")
        #expect(gaps.contains { $0.reason.contains("replaced: \(path)") }, "\(gaps.map(\.reason))")
        // The reset: from about 5 000 µJ + 1 s × 10 W, to 1 000 µJ plus what the writer added before the read.
        #expect(gaps.contains { $0.reason.hasPrefix("reset: \(path) went back from ") }, "\(gaps.map(\.reason))")
        #expect(!gaps.contains { $0.reason.hasPrefix("no reading") }, "every gap has its real cause")
    }
}
