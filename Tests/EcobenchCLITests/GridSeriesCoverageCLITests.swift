import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A grid-intensity series from another period is refused, naming the file and the run's period,
/// by `run` (before anything is measured) and by `report N`; `--grid-intensity-fallback` uses the
/// constant intensity instead, with a flag. A series that covers the run is applied.
struct GridSeriesCoverageCLITests {
    static let workload = """
        name: tiny
        description: a printf
        functional_unit: op
        load:
          argv: [printf, "x"]
          functional_units: {count: 1}
        phases: {baseline_s: 0.2, idle_s: 0, load_s: 0.2, cooldown_s: 0}
        repetitions: 1
        """

    /// 1 May 2025, hourly 00:00–03:00: no run made today falls inside it.
    static let maySeries = "timestamp,g_per_kwh\n2025-05-01T00:00:00Z,300\n2025-05-01T01:00:00Z,320\n"
        + "2025-05-01T02:00:00Z,310\n2025-05-01T03:00:00Z,305\n"

    @Test func aSeriesFromAnotherPeriodIsAnErrorOrALabelledFallback() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.workload.write(toFile: dir.path + "/w.yaml", atomically: true, encoding: .utf8)
        let may = dir.path + "/may.csv"
        try Self.maySeries.write(toFile: may, atomically: true, encoding: .utf8)
        let db = dir.path + "/e.db"
        let common = ["--db", db, "--out", dir.path + "/out", "--no-checks", "--quiet"]

        // run: refused up front, the message names the file and says the run's start is not covered.
        let refused = try CLI.run(["run", dir.path + "/w.yaml", "--grid-intensity-file", may] + common)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains(may) && refused.stderr.contains("does not cover the run"), "\(refused.stderr)")
        #expect(refused.stderr.contains("2025-05-01T03:00:00Z"), "\(refused.stderr)")

        // A run without the series, then its report asked with the May series: an error naming both periods.
        let run = try CLI.run(["run", dir.path + "/w.yaml"] + common)
        #expect(run.status == 0, "\(run.stderr)")
        let report = try CLI.run(["report", "1", "--db", db, "--grid-intensity-file", may])
        #expect(report.status != 0)
        #expect(report.stderr.contains(may) && report.stderr.contains("does not cover the run's period"), "\(report.stderr)")

        // Asked for, the fallback is the constant intensity, flagged.
        let fallback = try CLI.run(["report", "1", "--db", db, "--grid-intensity-file", may, "--grid-intensity-fallback"])
        #expect(fallback.status == 0, "\(fallback.stderr)")
        let decoded = try ReportCoding.decoder().decode(Report.self, from: Data(fallback.stdout.utf8))
        #expect(decoded.notes.contains { $0.hasPrefix("flag: grid intensity series \(may) does not cover") })
        #expect(!decoded.sci.inputs.intensityKind.contains("time series"))
        #expect(decoded.sci.inputs.intensityGPerKwh == decoded.carbon.intensityGPerKwh)
    }

    @Test func aSeriesCoveringTheRunIsApplied() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try Self.workload.write(toFile: dir.path + "/w.yaml", atomically: true, encoding: .utf8)
        // From an hour ago, the last value within the 2 h a value may stand for.
        let formatter = ISO8601DateFormatter()
        let now = Date()
        let csv = dir.path + "/now.csv"
        try ("timestamp,g_per_kwh\n\(formatter.string(from: now.addingTimeInterval(-3600))),250\n"
             + "\(formatter.string(from: now.addingTimeInterval(-60))),250\n")
            .write(toFile: csv, atomically: true, encoding: .utf8)
        let db = dir.path + "/e.db"
        let run = try CLI.run(["run", dir.path + "/w.yaml", "--grid-intensity-file", csv, "--db", db,
                               "--out", dir.path + "/out", "--no-checks", "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let report = try CLI.run(["report", "1", "--db", db, "--grid-intensity-file", csv])
        #expect(report.status == 0, "\(report.stderr)")
        let decoded = try ReportCoding.decoder().decode(Report.self, from: Data(report.stdout.utf8))
        #expect(decoded.sci.inputs.intensityKind.contains("time series"))
        // 250 g/kWh throughout: no phase's CO2e is above its energy at 250 g/kWh (sample by sample,
        // the growth between samples inside the phase), and the run's is not zero.
        for phase in decoded.phases {
            #expect(phase.co2eG <= phase.energyJ / 3.6e6 * 250 * (1 + 1e-9) + 1e-12)
        }
        #expect(decoded.totals.co2eG > 0)
    }
}
