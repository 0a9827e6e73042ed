import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench report RUN --format eco-digit --device Workloads/devices/example-server.yaml` on a
/// stored run (testdata/stored-runs, run 2: RAPL, one repetition): a schema-valid eco-digit.json
/// whose measured workload energy is the report's load phase workload energy, whose device names
/// the file, and a bad device file refused with its file, line and field.
@Suite struct EcoDigitCLITests {
    @Test func reportFormatEcoDigitWritesSchemaValidJSONBesideTheMeasurement() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/runs.db"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Tests/EcobenchCoreTests/testdata/stored-runs/runs.db",
                                         toPath: db)
        let out = dir.path + "/eco"
        let device = CLI.packageRoot + "/Workloads/devices/example-server.yaml"
        let result = try CLI.run(["report", "2", "--db", db, "--format", "eco-digit", "--device", device, "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == out + "/eco-digit.json", "\(result.stdout)")
        let validation = try CLI.validateReport(out + "/eco-digit.json", schema: "eco-digit.schema.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let json = try CLI.run(["report", "2", "--db", db, "--format", "json"])
        let report = try ReportCoding.decoder().decode(Report.self, from: Data(json.stdout.utf8))
        let eco = try ReportCoding.decoder().decode(EcoDigitReport.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/eco-digit.json")))
        let measured = try #require(report.phases.first { $0.name == .load }?.workloadEnergyJ)
        #expect(eco.repetitions.first?.measuredWorkloadEnergyJ == measured)
        // The file's lifetime, 4 years, labelled assumed with the file named; memory from the inventory.
        #expect(eco.device.lifetimeYears.value == 4 && eco.device.lifetimeYears.source.contains("example-server.yaml"))
        #expect(eco.device.capacity.memorize.basis == .measured
                && eco.device.capacity.memorize.value == Double(report.host.memoryBytes) / 1e9)

        let bad = dir.path + "/bad.yaml"
        try "lifetime_years: -1\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["report", "2", "--db", db, "--format", "eco-digit", "--device", bad, "--out", out])
        #expect(refused.status != 0 && refused.stderr.contains(bad) && refused.stderr.contains("lifetime_years"), "\(refused.stderr)")
        let misplaced = try CLI.run(["report", "2", "--db", db, "--format", "json", "--device", device])
        #expect(misplaced.status != 0 && misplaced.stderr.contains("--device is for --format eco-digit"), "\(misplaced.stderr)")
    }
}
