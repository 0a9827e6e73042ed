import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A real `ecobench run` with `--nvml-library` pointing at `FakeNVML`: a STAND-IN for
/// libnvidia-ml.so.1 (no NVIDIA GPU or driver exists here) that reports, by process name, a
/// renamed `sleep` as the workload's GPU process (60 % SM, 1 MB) and another one started by the
/// test as a foreign GPU process (20 % SM, 5 MB) for the whole run. RAPL comes from a fixture
/// tree, so the node energy is RAPL package + the GPU and the GPU's energy is split by SM time.
@Suite(.serialized) struct NVMLRunTests {
    @Test func perProcessGPUFiguresReachTheReportForTheWorkloadOnly() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let tag = String(UUID().uuidString.prefix(6)).lowercased()
        let workloadBinary = dir.path + "/gpuw" + tag, foreignBinary = dir.path + "/gpuf" + tag
        try FileManager.default.copyItem(atPath: "/bin/sleep", toPath: workloadBinary)
        try FileManager.default.copyItem(atPath: "/bin/sleep", toPath: foreignBinary)
        let foreign = ChildProcess()
        foreign.executableURL = URL(fileURLWithPath: foreignBinary)
        foreign.arguments = ["120"]
        try foreign.run()
        defer {
            kill(foreign.processIdentifier, SIGKILL)
            foreign.waitUntilExit()
        }
        let fake = try FakeNVML(config: """
            gpu 0 30000 150000
            sample_every_ms 100
            proc 0 comm:gpuw\(tag) 60 1000000
            proc 0 comm:gpuf\(tag) 20 5000000

            """)
        defer { fake.remove() }
        try """
            name: gpu-stand-in
            description: a renamed sleep that the NVML stand-in reports as a GPU process
            functional_unit: second
            load:
              argv: ["\(workloadBinary)", "{load_s}"]
              functional_units: {per_seconds: 1}
            phases: {baseline_s: 1, idle_s: 1, load_s: 6, cooldown_s: 1}
            repetitions: 1
            """.write(toFile: dir.path + "/gpu.yaml", atomically: true, encoding: .utf8)
        let rapl = try RAPLFixtureWriter(root: dir.path + "/sys", watts: 10)
        rapl.start()
        defer { rapl.stop() }
        let result = try CLI.run(["run", dir.path + "/gpu.yaml", "--sysfs-root", dir.path + "/sys", "--no-hwmon",
                                  "--nvml-library", fake.libraryPath, "--no-checks", "--interval", "100",
                                  "--db", dir.path + "/e.db", "--out", dir.path + "/out", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let reportPath = dir.path + "/out/run-1/report.json"
        let validation = try CLI.validateReport(reportPath)
        #expect(validation.status == 0, "\(validation.stdout)")
        let report = try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        #expect(report.nodeEnergy.channels == ["rapl.package-0", "nvml.gpu0.energy"], "\(report.nodeEnergy)")
        let perProcess = report.sources.filter { $0.path.contains("NVML per-process") }.map(\.name).sorted()
        #expect(perProcess == ["nvml.gpu0.sm_seconds", "workload.gpu0.memory_bytes", "workload.gpu0.sm_seconds"])

        // The load phase: the workload's 60 % against 60 + 20 %.
        let load = try #require(report.phases.first { $0.name == .load })
        let gpu = try #require(load.workloadGpus?.first, "\(load)")
        #expect(gpu.workloadSmSeconds > 0 && abs(gpu.smShare - 0.75) < 0.02, "\(gpu)")
        let gpuWorkload = try #require(gpu.workloadEnergyJ, "the GPU is part of the node energy: \(gpu)")
        #expect(gpuWorkload > 0 && gpuWorkload <= load.workloadEnergyJ + 1e-9, "\(gpu) of \(load.workloadEnergyJ) J")
        // Baseline: only the foreign process used the GPU, the workload none of it.
        let baseline = try #require(report.phases.first { $0.name == .baseline }?.workloadGpus?.first)
        #expect(baseline.workloadSmSeconds == 0 && baseline.allSmSeconds > 0, "\(baseline)")

        let app = try #require(report.applications.first?.gpus?.first, "\(report.applications)")
        #expect(app.kind == .measured && app.source == "NVML per-process utilisation (GPU 0)")
        #expect(app.maxMemoryBytes == 1_000_000, "the foreign process's 5 MB is not the workload's: \(app)")
        #expect(app.smShare > 0 && app.smShare < 0.75, "\(app)")
        #expect(abs(report.totals.attributedEnergyJ + report.totals.unattributedEnergyJ - report.totals.nodeEnergyJ)
                < 1e-9 * max(1, report.totals.nodeEnergyJ))
        for phase in report.phases {
            #expect(abs(phase.workloadEnergyJ + phase.unattributedEnergyJ - phase.energyJ) < 1e-9 * max(1, phase.energyJ))
        }
        let html = try String(contentsOfFile: dir.path + "/out/run-1/report.html", encoding: .utf8)
        #expect(html.contains("NVML per-process utilisation (GPU 0)"))
    }

    @Test func sensorsSaysOnceWhetherPerProcessUtilisationIsOffered() throws {
        let full = try FakeNVML(config: "gpu 0 30000 150000\n")
        defer { full.remove() }
        let offered = try CLI.run(["sensors", "--no-hwmon", "--nvml-library", full.libraryPath])
        #expect(offered.status == 0, "\(offered.stderr)")
        #expect(offered.stdout.contains("nvml.gpu0.energy"))
        #expect(offered.stdout.contains("per-process utilisation: gpu0 (SM %, memory)"), "\(offered.stdout)")
        let old = try FakeNVML(variant: .noProcessAPI, config: "gpu 0 30000 150000\n")
        defer { old.remove() }
        let notOffered = try CLI.run(["sensors", "--no-hwmon", "--nvml-library", old.libraryPath])
        #expect(notOffered.status == 0, "\(notOffered.stderr)")
        #expect(notOffered.stdout.contains("nvml.gpu0.energy"))
        #expect(notOffered.stdout.components(separatedBy: "per-process GPU utilisation not offered").count == 2,
                "\(notOffered.stdout)")
    }

    @Test func aMissingNVMLLibraryPathIsAUsageError() throws {
        let result = try CLI.run(["sensors", "--nvml-library", "/nonexistent/ecobench/libnvidia-ml.so.1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--nvml-library /nonexistent/ecobench/libnvidia-ml.so.1: no such file"),
                "\(result.stderr)")
    }
}
