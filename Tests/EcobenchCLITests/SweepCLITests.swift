import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench sweep` through the real CLI (issue 15): a calibration run, then one run per level
/// at a fixed offered rate, stored as a sweep. Needs root (cgroups) like the other run tests.
@Suite(.serialized) struct SweepCLITests {
    static let fixture = CLI.packageRoot + "/Tests/EcobenchCoreTests/testdata/sweep/cpu-sweep.yaml"

    /// The tiny CPU-bound workload (testdata/sweep: Python units of 20 000 loop iterations at
    /// {rate}/s) at 100, 50 and 0 %, on whatever node source the machine has (here the estimate).
    @Test func cpuBoundSweepStoresItsLevelsAndPowerRisesWithLevel() throws {
        try #require(getuid() == 0, "runs put the workload in a cgroup: needs root")
        try #require(ReferenceWorkloadTests.onPath("python3"), "python3 missing")
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let db = dir.path + "/e.db"
            let out = dir.path + "/reports"
            let result = try CLI.run(["sweep", Self.fixture, "--levels", "100,50,0", "--slo-p99", "50",
                                      "--repetitions", "1", "--baseline", "1", "--idle", "1", "--load", "4",
                                      "--cooldown", "1", "--db", db, "--out", out, "--no-checks", "--quiet"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            #expect(result.stdout.contains("sweep 1: calibration run 1"), "\(result.stdout)")
            // The sweep's report is written beside the runs' and is valid against its schema.
            let validation = try CLI.validateReport(out + "/sweep-1/sweep.json", schema: "sweep.schema.json")
            #expect(validation.status == 0, "\(validation.stdout)")

            let store = try RunStore(path: db, readOnly: true)
            let sweep = try #require(try store.sweep(id: 1))
            #expect(sweep.workload == "cpu-sweep" && sweep.levelsPercent == [100, 50, 0])
            #expect(sweep.calibrationRunID == 1 && sweep.sloP99Milliseconds == 50)
            // The maximum is the calibration's Σ units ÷ Σ load seconds, recomputed here from its phases.
            let maximum = try #require(sweep.maxThroughputPerSecond)
            #expect(abs(maximum - (try Self.unitsPerSecond(store, runID: 1) ?? -1)) < 1e-9 * maximum)
            #expect(sweep.levels.map(\.levelPercent) == [100, 50, 0])
            #expect(sweep.levels.map(\.runID) == [2, 3, 4])

            var nodePowers: [Double] = []
            var workloadCPUShares: [Double] = []
            var relativeUncertainties: [Double] = []
            for level in sweep.levels {
                // Offered = level / 100 × maximum, to 0.001 unit/s; active idle offers nothing.
                let expected = level.levelPercent == 0 ? nil
                    : (Double(level.levelPercent) / 100 * maximum * 1000).rounded() / 1000
                #expect(level.offeredRatePerSecond == expected)
                let achieved = try #require(level.achievedRatePerSecond)
                #expect(abs(achieved - (try Self.unitsPerSecond(store, runID: level.runID) ?? -1)) < 1e-9 * max(1, achieved))
                if let offered = level.offeredRatePerSecond {
                    // Within 5 % of the offer, or flagged saturated (more than 5 % below it).
                    #expect(abs(achieved - offered) <= 0.05 * offered || level.saturated,
                            "level \(level.levelPercent): offered \(offered), achieved \(achieved)")
                    #expect(level.saturated == (achieved < 0.95 * offered))
                    let p50 = try #require(level.latencyP50Milliseconds)
                    let p99 = try #require(level.latencyP99Milliseconds)
                    #expect(p50 > 0 && p50 <= p99)
                } else {
                    #expect(achieved == 0 && !level.saturated && level.latencyP99Milliseconds == nil)
                }
                let report = try Self.report(out + "/run-\(level.runID)/report.json")
                #expect(report.run.status == .completed)
                let loads = report.phases.filter { $0.name == .load }
                let seconds = loads.reduce(0) { $0 + $1.durationS }
                nodePowers.append(loads.reduce(0) { $0 + $1.energyJ } / seconds)
                workloadCPUShares.append(loads.reduce(0) { $0 + $1.workloadCpuSeconds } / seconds)
                relativeUncertainties.append(try #require(report.nodeEnergy.relativeUncertainty,
                                                          "the node energy states no uncertainty"))
            }
            // Node power over the load phases (Σ energy ÷ Σ seconds) rises with the level within the
            // stated uncertainty: P(higher) ≥ P(lower) − u·P(lower), u the node energy's stated relative
            // uncertainty (the estimate states 0.5). Other processes on a shared machine move the
            // node's power too, so a strict rise of the node power is not asserted; what drives the
            // estimate, the workload's CPU seconds per second, must rise strictly: 100 % > 50 % > 0 %.
            for (higher, lower) in [(0, 1), (1, 2)] {
                #expect(nodePowers[higher] >= nodePowers[lower] * (1 - relativeUncertainties[lower]),
                        "node W \(nodePowers), u \(relativeUncertainties)")
                #expect(workloadCPUShares[higher] > workloadCPUShares[lower], "CPU s/s \(workloadCPUShares)")
            }
        }
    }

    /// The Done-when command, with short phases: nginx-static at 100, 50, 10 % and active
    /// idle, two repetitions, hey as the rate-controlled generator.
    @Test func nginxStaticSweepRunsWithTwoRepetitions() throws {
        for binary in ["nginx", "wrk", "hey"] {
            try #require(ReferenceWorkloadTests.onPath(binary), "\(binary) missing: make deps")
        }
        try #require(getuid() == 0, "runs put the workload in a cgroup: needs root")
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let db = dir.path + "/e.db"
            let result = try CLI.run(["sweep", "Workloads/nginx-static.yaml", "--levels", "100,50,10,0",
                                      "--repetitions", "2", "--baseline", "1", "--idle", "1", "--load", "3",
                                      "--cooldown", "1", "--db", db, "--out", dir.path + "/reports", "--no-checks",
                                      "--quiet"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let validation = try CLI.validateReport(dir.path + "/reports/sweep-1/sweep.json", schema: "sweep.schema.json")
            #expect(validation.status == 0, "\(validation.stdout)")
            let html = try String(contentsOfFile: dir.path + "/reports/sweep-1/sweep.html", encoding: .utf8)
            #expect(html.contains("<svg"), "the sweep report shows no curve")
            let store = try RunStore(path: db, readOnly: true)
            let sweep = try #require(try store.sweep(id: 1))
            #expect(sweep.levels.map(\.levelPercent) == [100, 50, 10, 0])
            for level in sweep.levels {
                #expect(try store.phases(runID: level.runID).filter { $0.name == .load }.count == 2)
                guard let offered = level.offeredRatePerSecond else { continue }
                let achieved = try #require(level.achievedRatePerSecond)
                #expect(abs(achieved - offered) <= 0.05 * offered || level.saturated)
                #expect(level.latencyP99Milliseconds != nil, "hey's p99 was not read at \(level.levelPercent) %")
            }
        }
        #expect(CLI.processes(containing: "hey -z").isEmpty, "a hey survived")
    }

    @Test func rejectsBadLevelsAndAWorkloadWithoutSweep() throws {
        let bad = try CLI.run(["sweep", Self.fixture, "--levels", "100,150"])
        #expect(bad.status != 0 && bad.stderr.contains("--levels must be whole percentages 0 to 100"))
        let twice = try CLI.run(["sweep", Self.fixture, "--levels", "50,50"])
        #expect(twice.status != 0 && twice.stderr.contains("names a level twice"))
        let none = try CLI.run(["sweep", "Workloads/cpu-stress.yaml", "--no-checks"])
        #expect(none.status != 0 && none.stderr.contains("cpu-stress.yaml: sweep: has no 'sweep:' block"),
                "\(none.stderr)")
    }

    /// Σ functional units ÷ Σ seconds of a run's load phases, from the store.
    static func unitsPerSecond(_ store: RunStore, runID: Int64) throws -> Double? {
        let loads = try store.phases(runID: runID).filter { $0.name == .load }
        let seconds = loads.reduce(0.0) { $0 + ($1.durationSeconds ?? 0) }
        return seconds > 0 ? loads.reduce(0.0) { $0 + ($1.functionalUnits ?? 0) } / seconds : nil
    }

    static func report(_ path: String) throws -> Report {
        try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }
}
