import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench report RUN --format blue-angel --out DIR` on a stored run (testdata/stored-runs, run
/// 2: RAPL, one repetition of baseline 1 s, idle 1 s, load 2 s): the three files, a schema-valid
/// JSON whose load energy is the report's load phase energy in Wh, and the repetition warning.
@Suite struct BlueAngelCLITests {
    @Test func reportFormatBlueAngelWritesTheDirectoryAndWarnsBelowTenRepetitions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/runs.db"
        try FileManager.default.copyItem(atPath: CLI.packageRoot + "/Tests/EcobenchCoreTests/testdata/stored-runs/runs.db",
                                         toPath: db)
        let out = dir.path + "/ba"
        let result = try CLI.run(["report", "2", "--db", db, "--format", "blue-angel", "--out", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.split(separator: "\n").map { ($0 as NSString).lastPathComponent }
                == ["blue-angel.json", "blue-angel.html", "blue-angel-samples.csv", "blue-angel-scenario-log.csv"],
                "\(result.stdout)")
        #expect(result.stderr.contains("warning: Blue Angel report: scenario standard_usage_scenario: 1 repetitions"),
                "\(result.stderr)")
        let validation = try CLI.validateReport(out + "/blue-angel.json", schema: "blue-angel.schema.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        // The same run's report.json: the Blue Angel load energy is its load phase's energy_j ÷ 3600 J/Wh.
        let json = try CLI.run(["report", "2", "--db", db, "--format", "json"])
        let report = try ReportCoding.decoder().decode(Report.self, from: Data(json.stdout.utf8))
        let blueAngel = try ReportCoding.decoder().decode(BlueAngelReport.self,
                                                          from: Data(contentsOf: URL(fileURLWithPath: out + "/blue-angel.json")))
        let loadJ = try #require(report.phases.first { $0.name == .load }?.energyJ)
        let loadWh = try #require(blueAngel.scenarios.first { $0.phase == .load }?.repetitions.first?.energyWh)
        #expect(abs(loadWh - loadJ / 3600) <= 1e-12 * loadJ)
        #expect(blueAngel.referenceSystem == report.host && blueAngel.energyKind == .measured)
        // The fixture was stored before steps were logged: an empty log, said so.
        #expect(blueAngel.scenarioLog.isEmpty && blueAngel.warnings.contains { $0.hasPrefix("the run stored no scenario log") })
    }
}
