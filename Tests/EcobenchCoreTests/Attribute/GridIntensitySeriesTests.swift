import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct GridIntensitySeriesTests {
    func write(_ text: String, _ name: String, in dir: TemporaryDirectory) throws -> String {
        let path = dir.path + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func timeResolvedCO2eMatchesTheHandIntegral() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        // clock_start_unix_ns of the synthetic run is 0: the run starts at 1970-01-01T00:00:00Z.
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 10, powerWatts: 36, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 20, powerWatts: 72, busyCPUPerSecond: 1, workloadCPUPerSecond: 1, functionalUnits: 1),
        ]])
        // 100 g/kWh for the first 15 s, 400 g/kWh after.
        let csv = try write("timestamp,g_per_kwh\n1970-01-01T00:00:00Z,100\n1970-01-01T00:00:15Z,400\n", "i.csv", in: dir)
        var impact = ImpactSettings()
        impact.gridSeries = try GridIntensitySeries.load(path: csv)
        let report = try ReportBuilder(store: store).build(runID: id, options: ReportOptions(impact: impact))
        // Hand integral: baseline 360 J at 100 g/kWh; load 5 s × 72 W at 100 + 15 s × 72 W at 400.
        let baseline = 360 / 3.6e6 * 100
        let load = 360 / 3.6e6 * 100 + 1080 / 3.6e6 * 400
        #expect(abs(report.phases[0].co2eG - baseline) < 1e-9)
        #expect(abs(report.phases[1].co2eG - load) < 1e-9)
        #expect(abs(report.totals.co2eG - baseline - load) < 1e-9)
        #expect(report.sci.inputs.intensityKind.contains("time series"))
    }

    @Test func readsElectricityMapsHistory() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = try write("""
            {"zone": "DE", "history": [
              {"zone": "DE", "carbonIntensity": 300, "datetime": "2026-11-23T10:00:00.000Z", "emissionFactorType": "lifecycle", "isEstimated": false},
              {"zone": "DE", "carbonIntensity": 350, "datetime": "2026-11-23T11:00:00.000Z", "emissionFactorType": "lifecycle", "isEstimated": true}
            ]}
            """, "h.json", in: dir)
        let series = try GridIntensitySeries.load(path: path)
        #expect(series.zone == "DE")
        let t = try #require(ISO8601DateFormatter().date(from: "2026-11-23T10:30:00Z")).timeIntervalSince1970
        #expect(series.intensity(atUnixSeconds: t) == 300)
        #expect(series.intensity(atUnixSeconds: t + 3600) == 350)
    }

    @Test func badFilesNameFileLineAndField() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let cases: [(String, [String])] = [
            ("timestamp,g_per_kwh\nyesterday,100\n", ["bad.csv:2", "timestamp", "yesterday"]),
            ("timestamp,g_per_kwh\n2026-01-01T00:00:00Z,-5\n", ["bad.csv:2", "g_per_kwh", "≥ 0"]),
            ("timestamp,g_per_kwh\n2026-01-01T00:00:00Z,100\n2026-01-01T05:00:00Z,100\n", ["bad.csv:3", "gap"]),
            ("time,value\n", ["bad.csv:1", "header"]),
            ("timestamp,g_per_kwh\n2026-01-01T01:00:00Z,100\n2026-01-01T00:00:00Z,100\n", ["bad.csv:3", "increase"]),
        ]
        for (text, fragments) in cases {
            let path = try write(text, "bad.csv", in: dir)
            do {
                _ = try GridIntensitySeries.load(path: path)
                Issue.record("accepted: \(text)")
            } catch {
                for fragment in fragments { #expect("\(error)".contains(fragment), "\(error)") }
            }
        }
        let json = try write(#"{"history": [{"carbonIntensity": "x", "datetime": "2026-01-01T00:00:00Z"}]}"#, "bad.json", in: dir)
        #expect(throws: GridIntensityError.self) { try GridIntensitySeries.load(path: json) }
    }
}
