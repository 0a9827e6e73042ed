import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench compare` on two real cpu-stress runs with 1 and 2 stress-ng workers: per bogo-op
/// the two differ (the idle share of the CPU differs), and Welch's test must say so. This VM has
/// no power sensor: the energy is the CPU estimate, whose curve works on a trailing 2 s
/// utilisation, so a load phase must be well above 2 s (5 s) for the difference to show.
@Suite(.serialized) struct CompareTests {
    @Test func cpuStressAtDifferentWorkerCountsDiffersSignificantly() throws {
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let original = try String(contentsOfFile: CLI.packageRoot + "/Workloads/cpu-stress.yaml", encoding: .utf8)
            let oneWorker = original.replacingOccurrences(of: "[stress-ng, --cpu, \"2\"", with: "[stress-ng, --cpu, \"1\"")
            #expect(oneWorker != original, "the workload's worker count could not be changed")
            try oneWorker.write(toFile: dir.path + "/cpu-stress-1.yaml", atomically: true, encoding: .utf8)
            let db = dir.path + "/e.db"
            let phases = ["--repetitions", "6", "--baseline", "2", "--idle", "0", "--load", "5", "--cooldown", "0.5",
                          "--db", db, "--out", dir.path + "/out", "--quiet"]
            let one = try CLI.run(["run", dir.path + "/cpu-stress-1.yaml"] + phases)
            #expect(one.status == 0, "\(one.stderr)")
            let two = try CLI.run(["run", "Workloads/cpu-stress.yaml"] + phases)
            #expect(two.status == 0, "\(two.stderr)")
            let compared = try CLI.run(["compare", "1", "2", "--db", db, "--json"])
            #expect(compared.status == 0, "\(compared.stderr)")
            let comparison = try ReportCoding.decoder().decode(RunComparison.self, from: Data(compared.stdout.utf8))
            let energy = try #require(comparison.differences.first { $0.metric == "energy_per_unit_j" })
            let welch = try #require(energy.welch)
            #expect(energy.significant, "difference \(energy.difference) J, p = \(welch.pValue)")
            #expect(welch.ci95Low <= energy.difference && energy.difference <= welch.ci95High)
            let text = try CLI.run(["compare", "1", "2", "--db", db])
            #expect(text.stdout.contains("Welch t ="))
            // A comparison across functional units is refused, naming the field.
            try """
                name: other
                description: d
                functional_unit: request
                load: {argv: [true], functional_units: {count: 1}}
                phases: {baseline_s: 0, idle_s: 0, load_s: 0.2, cooldown_s: 0}
                repetitions: 1
                """.write(toFile: dir.path + "/other.yaml", atomically: true, encoding: .utf8)
            _ = try CLI.run(["run", dir.path + "/other.yaml", "--db", db, "--out", dir.path + "/out", "--quiet"])
            let refused = try CLI.run(["compare", "1", "3", "--db", db])
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("functional_unit"))
        }
    }
}
