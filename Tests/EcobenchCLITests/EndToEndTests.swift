import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Real runs through the CLI on this machine: real stress-ng, real /proc, real cgroups.
/// Needs root for the cgroup (CI runs as root); without it the run falls back to the process
/// tree, which these tests accept too.
@Suite(.serialized) struct EndToEndTests {
    static var raplReadable: Bool {
        let base = "/sys/class/powercap"
        let zones = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        return zones.contains { FileManager.default.isReadableFile(atPath: "\(base)/\($0)/energy_uj") }
    }

    @Test func cpuStressRunWritesValidReportsAndConservesEnergy() throws {
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let db = dir.path + "/e.db"
            let out = dir.path + "/reports"
            let result = try CLI.run(["run", "Workloads/cpu-stress.yaml", "--db", db, "--out", out, "--repetitions", "2",
                                      "--baseline", "1", "--idle", "1", "--load", "2", "--cooldown", "1",
                                      "--interval", "50", "--country", "DE"])
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let reportPath = out + "/run-1/report.json"
            let validation = try CLI.validateReport(reportPath)
            #expect(validation.status == 0, "\(validation.stdout)")
            for csv in ["phases.csv", "applications.csv", "samples.csv"] {
                #expect(FileManager.default.fileExists(atPath: out + "/run-1/" + csv))
            }
            let report = try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
            #expect(report.run.status == .completed)
            #expect(report.run.repetitionsCompleted == 2)
            #expect(report.phases.count == 8)
            // On this VM there is no readable RAPL: the node energy must say it is an estimate.
            #expect(report.nodeEnergy.kind == (Self.raplReadable ? .measured : .estimated))
            #expect(report.carbon.zone == "DE" && report.carbon.intensityGPerKwh == 381)
            let app = try #require(report.applications.first)
            #expect(app.functionalUnits > 0)
            #expect(app.energyPerUnitJ != nil)
            #expect(abs(report.totals.attributedEnergyJ + report.totals.unattributedEnergyJ - report.totals.nodeEnergyJ)
                    < 1e-9 * max(1, report.totals.nodeEnergyJ))
            // Two stress-ng workers for 2 s on 2 cores: the workload gets most of the load's CPU.
            for load in report.phases where load.name == .load {
                #expect(load.workloadCpuSeconds > 1.0, "workload CPU \(load.workloadCpuSeconds) s")
                // Other processes (a parallel build) may share the CPU; the workload still dominates.
                #expect(load.workloadCpuShare > 0.25)
            }
            // The report regenerates from the database, the same figures.
            let again = try CLI.run(["report", "1", "--db", db])
            #expect(again.status == 0, "\(again.stderr)")
            let regenerated = try ReportCoding.decoder().decode(Report.self, from: Data(again.stdout.utf8))
            #expect(regenerated.totals.nodeEnergyJ == report.totals.nodeEnergyJ)
            let listed = try CLI.run(["runs", "--db", db])
            #expect(listed.stdout.contains("cpu-stress") && listed.stdout.contains("completed"))
        }
    }

    @Test(arguments: ["INT", "TERM"])
    func aSignalStopsTheRunKeepsItsDataAndLeavesNoProcess(signal: String) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let marker = "86\(Int.random(in: 100...999))"
        let workload = dir.path + "/long.yaml"
        try """
            name: long
            description: a service that would run for a day
            functional_unit: op
            service: {argv: [sleep, "\(marker)"]}
            load:
              argv: [sleep, "{load_s}"]
              functional_units: {count: 1}
            phases: {baseline_s: 1, idle_s: 60, load_s: 60, cooldown_s: 1}
            repetitions: 2
            """.write(toFile: workload, atomically: true, encoding: .utf8)
        let db = dir.path + "/e.db"
        let running = try CLI.start(["run", workload, "--db", db, "--out", dir.path + "/out", "--interval", "50"])
        // Wait until the service runs (idle phase), then signal.
        var waited = 0.0
        while CLI.processes(containing: "sleep \(marker)").isEmpty && waited < 20 {
            usleep(100_000)
            waited += 0.1
        }
        #expect(!CLI.processes(containing: "sleep \(marker)").isEmpty, "the service never started")
        usleep(500_000)
        kill(running.process.processIdentifier, signal == "INT" ? SIGINT : SIGTERM)
        let result = running.finish()
        #expect(result.status == 130, "stderr: \(result.stderr)")
        #expect(CLI.processes(containing: "sleep \(marker)").isEmpty, "a workload process survived")
        let listed = try CLI.run(["runs", "--db", db])
        #expect(listed.stdout.contains("interrupted"), "\(listed.stdout)")
        let report = try CLI.run(["report", "1", "--db", db])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(report.stderr.contains("partial"))
        let decoded = try ReportCoding.decoder().decode(Report.self, from: Data(report.stdout.utf8))
        #expect(decoded.run.interrupted)
        #expect(decoded.phases.contains { $0.name == .baseline })
    }

    @Test func sensorsReadsAFixtureSysfsRoot() throws {
        let root = Fixtures.path("intel-2s/sys")
        let result = try CLI.run(["sensors", "--json", "--sysfs-root", root])
        #expect(result.status == 0, "\(result.stderr)")
        struct Listing: Decodable {
            struct Zone: Decodable { var name: String; var energyUj: Int64? }
            var raplZones: [Zone]
            var nodeEnergy: String?
            var sources: [SourceDescriptor]
        }
        let listing = try ReportCoding.decoder().decode(Listing.self, from: Data(result.stdout.utf8))
        #expect(listing.raplZones.map(\.name) == ["package-0", "core", "uncore", "dram", "package-1", "dram", "psys"])
        #expect(listing.raplZones.first?.energyUj == 1_000_000_000)
        #expect(listing.nodeEnergy?.hasPrefix("measured: platform meter: rapl.psys") == true)
        #expect(!listing.sources.contains { $0.kind == .estimated }, "no estimate when RAPL is readable")
    }

    @Test func sensorsListsEstimateOrRAPLWithKindAndUnit() throws {
        let result = try CLI.run(["sensors", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains(Self.raplReadable ? "\"measured\"" : "\"estimated\""))
        #expect(result.stdout.contains("\"unit\""))
    }
}

extension EndToEndTests {
    /// The workload's CPU seconds against what the kernel accounted to stress-ng's workers, as
    /// stress-ng itself reports them (usr + sys time from getrusage of its children).
    @Test func workloadCPUSecondsMatchStressNgsOwnAccounting() throws {
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let out = dir.path + "/reports"
            // A relative --out from another working directory (as `make run` uses it).
            let result = try CLI.run(["run", CLI.packageRoot + "/Workloads/cpu-stress.yaml", "--db", "e.db",
                                      "--out", "reports", "--repetitions", "1", "--baseline", "0", "--idle", "0",
                                      "--load", "2", "--cooldown", "0", "--quiet"], workingDirectory: dir.path)
            #expect(result.status == 0, "\(result.stderr)")
            let report = try ReportCoding.decoder().decode(
                Report.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/run-1/report.json")))
            let load = try #require(report.phases.first { $0.name == .load })
            let log = try String(contentsOfFile: out + "/run-1/work/load-1.stderr", encoding: .utf8)
            // "stress-ng: metrc: [123] cpu   8530   2.00   3.99   0.00 ..." → bogo ops, real, usr, sys.
            let line = try #require(log.split(separator: "\n").first { $0.contains("metrc:") && $0.contains(" cpu ") })
            let numbers = line.split(separator: " ").compactMap { Double($0) }
            let kernelCPUSeconds = numbers[2] + numbers[3]
            #expect(kernelCPUSeconds > 1)
            // stress-ng's parent process adds a little of its own; sampling adds nothing at the
            // boundaries (a tick is taken at each one).
            #expect(abs(load.workloadCpuSeconds - kernelCPUSeconds) <= 0.05 * kernelCPUSeconds + 0.1,
                    "measured \(load.workloadCpuSeconds) s, stress-ng accounted \(kernelCPUSeconds) s")
            #expect(abs(load.workloadEnergyJ + load.unattributedEnergyJ - load.energyJ) < 1e-9)
        }
    }
}
