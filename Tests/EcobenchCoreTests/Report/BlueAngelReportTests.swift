import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The Blue Angel DE-UZ 215 measurement report from a synthetic run whose figures are known by
/// construction; every expected value below is worked out by hand from the run's definition.
@Suite struct BlueAngelReportTests {
    /// Two repetitions of baseline 2 s at 20 W, idle 2 s at 30 W, load 4 s at 60 W (rep. 1) and
    /// 70 W (rep. 2); sampled every 0.1 s; 2 logical CPUs (total CPU time 2 s per s); busy CPU
    /// 0.1, 0.2 s/s and in load 1.6 (rep. 1), 1.2 (rep. 2) s/s. Besides `SyntheticRun`'s
    /// channels: used memory rising linearly 1e9 + 1e7·t bytes; in load only, disk read 5e6 B/s,
    /// written 1e6 B/s, network sent 2e6 B/s, received 3e6 B/s.
    /// Phase windows: rep. 1 baseline [0, 2], idle [2, 4], load [4, 8]; rep. 2 [8, 10], [10, 12], [12, 16] s.
    static func run(_ dir: TemporaryDirectory) throws -> (RunStore, Report) {
        let store = try RunStore(path: dir.path + "/t.db")
        func repetition(_ loadWatts: Double, _ loadBusy: Double) -> [SyntheticRun.Phase] {
            [.init(.baseline, seconds: 2, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
             .init(.idle, seconds: 2, powerWatts: 30, busyCPUPerSecond: 0.2, workloadCPUPerSecond: 0.05),
             .init(.load, seconds: 4, powerWatts: loadWatts, busyCPUPerSecond: loadBusy, workloadCPUPerSecond: 1,
                   functionalUnits: 100)]
        }
        let id = try SyntheticRun.write(into: store, repetitions: [repetition(60, 1.6), repetition(70, 1.2)])
        let extra = [("node.cpu.total_seconds", "s", SampleSemantics.counter), ("node.memory.used_bytes", "B", .gauge),
                     ("node.disk.read_bytes", "B", .counter), ("node.disk.write_bytes", "B", .counter),
                     ("node.net.tx_bytes", "B", .counter), ("node.net.rx_bytes", "B", .counter)]
        let ids = try store.registerSources(runID: id, extra.map {
            SourceDescriptor(name: $0.0, kind: .measured, unit: $0.1, semantics: $0.2, scope: .node, path: "/fixture/proc")
        })
        var batch = SampleBatch(sourceIDs: ids)
        let loads: Set<Int> = Set((40..<80).map { $0 }).union((120..<160).map { $0 })  // 0.1 s ticks in load
        var row = [0.0, 1e9, 0, 0, 0, 0]
        for tick in 0...160 {
            if tick > 0 {
                row[0] += 2 * 0.1
                if loads.contains(tick - 1) { row[2] += 5e5; row[3] += 1e5; row[4] += 2e5; row[5] += 3e5 }
            }
            row[1] = 1e9 + 1e7 * Double(tick) / 10
            row.withUnsafeBufferPointer { batch.append(timeNanoseconds: Int64(tick) * 100_000_000, values: $0) }
        }
        try store.insert(batch)
        return (store, try ReportBuilder(store: store).build(runID: id))
    }

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func figuresPerRepetitionAndStatisticsMatchTheHandValues() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try Self.run(dir)
        let blueAngel = try BlueAngelBuilder.build(report: report, store: store)
        #expect(blueAngel.scenarios.map(\.scenario) == ["baseline", "idle_mode", "standard_usage_scenario"])
        let baseline = try #require(blueAngel.scenarios.first { $0.phase == .baseline })
        let idle = try #require(blueAngel.scenarios.first { $0.phase == .idle })
        let load = try #require(blueAngel.scenarios.first { $0.phase == .load })
        #expect(load.repetitions.count == 2)
        let (l1, l2) = (load.repetitions[0], load.repetitions[1])
        // Gross: 60 W × 4 s = 240 J = 240/3600 Wh; 70 × 4 = 280 J.
        #expect(Self.close(l1.energyWh, 240.0 / 3600) && Self.close(l2.energyWh, 280.0 / 3600), "\(l1) \(l2)")
        // Net: 240 − 20 W (the repetition's baseline) × 4 s = 160 J; 280 − 80 = 200 J.
        #expect(Self.close(l1.netEnergyWh, 160.0 / 3600) && Self.close(l2.netEnergyWh, 200.0 / 3600))
        // Idle: 30 × 2 = 60 J gross, 60 − 20 × 2 = 20 J net; the baseline's net is 0 by definition.
        #expect(Self.close(idle.repetitions[0].energyWh, 60.0 / 3600) && Self.close(idle.repetitions[0].netEnergyWh, 20.0 / 3600))
        #expect(baseline.repetitions.allSatisfy { $0.netEnergyWh == 0 && Self.close($0.meanPowerW, 20) })
        #expect(Self.close(l1.meanPowerW, 60) && Self.close(l2.meanPowerW, 70))
        // CPU: busy 1.6 × 4 = 6.4 s of 2 × 4 = 8 s → 80 %, × 4 s = 320 %·s; rep. 2: 4.8 / 8 → 60 %, 240 %·s.
        #expect(Self.close(l1.cpuUtilisationPercent, 80) && Self.close(l1.cpuIntegralPercentSeconds, 320))
        #expect(Self.close(l2.cpuUtilisationPercent, 60) && Self.close(l2.cpuIntegralPercentSeconds, 240))
        // Baseline: 0.1 × 2 / (2 × 2) = 5 %.
        #expect(Self.close(baseline.repetitions[0].cpuUtilisationPercent, 5))
        // Memory: a linear level's time mean is its value mid-window: 1e9 + 1e7 × 6 s = 1060 MB; × 14 s → 1140 MB.
        #expect(Self.close(l1.memoryMeanMegabytes, 1060) && Self.close(l2.memoryMeanMegabytes, 1140), "\(l1.memoryMeanMegabytes ?? -1)")
        // Storage and network over 4 s: 5e6 × 4 = 20 MB read, 4 MB written, 8 MB sent, 12 MB received; none in idle.
        #expect(Self.close(l1.storageReadMegabytes, 20) && Self.close(l1.storageWriteMegabytes, 4))
        #expect(Self.close(l1.networkSentMegabytes, 8) && Self.close(l1.networkReceivedMegabytes, 12))
        #expect(Self.close(idle.repetitions[1].storageReadMegabytes, 0) && Self.close(idle.repetitions[1].networkSentMegabytes, 0))
        // Mean and sample sd of two values a, b: (a + b)/2 and |a − b|/√2.
        let s = load.statistics
        #expect(Self.close(s.energyWh?.mean, 260.0 / 3600) && Self.close(s.energyWh?.sd ?? 0, 40 / 2.0.squareRoot() / 3600))
        #expect(Self.close(s.netEnergyWh?.mean, 180.0 / 3600) && Self.close(s.netEnergyWh?.sd ?? 0, 40 / 2.0.squareRoot() / 3600))
        #expect(Self.close(s.meanPowerW?.mean, 65) && Self.close(s.meanPowerW?.sd ?? 0, 10 / 2.0.squareRoot()))
        #expect(Self.close(s.cpuUtilisationPercent?.mean, 70) && Self.close(s.cpuUtilisationPercent?.sd ?? 0, 20 / 2.0.squareRoot()))
        #expect(Self.close(s.memoryMeanMegabytes?.mean, 1100) && Self.close(s.memoryMeanMegabytes?.sd ?? 0, 80 / 2.0.squareRoot()))
        #expect(s.storageReadMegabytes?.n == 2 && Self.close(s.storageReadMegabytes?.sd ?? 1, 0))
        // Two repetitions: below the criteria's 10, said so; the energy meter is named per figure.
        for scenario in ["baseline", "idle_mode", "standard_usage_scenario"] {
            #expect(blueAngel.warnings.contains { $0.hasPrefix("scenario \(scenario): 2 repetitions") && $0.contains("at least 10") },
                    "\(blueAngel.warnings)")
        }
        #expect(blueAngel.energyKind == .measured)
        #expect(blueAngel.instruments.contains { $0.figure == "energy" && $0.channel == "rapl.package-0" })
        #expect(Set(blueAngel.instruments.map(\.figure)) == ["energy", "cpu", "memory", "storage", "network"])
    }

    @Test func writesJSONValidAgainstItsSchemaHTMLThatPrintsEverySectionAndTheSamplesAnnex() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try Self.run(dir)
        let out = dir.path + "/blue-angel"
        let files = try ReportWriter(store: store).write(report, format: .blueAngel, to: out)
        #expect(files.map { ($0 as NSString).lastPathComponent }
                == ["blue-angel.json", "blue-angel.html", "blue-angel-samples.csv", "blue-angel-scenario-log.csv"])
        // Every field against Reports/schema/blue-angel.schema.json (jsonschema, the project's Python).
        let validation = try CLI.validateReport(out + "/blue-angel.json", schema: "blue-angel.schema.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        // The JSON reads back (snake_case keys round-trip): 60 W × 4 s = 240 J = 240/3600 Wh in rep. 1's load.
        let decoded = try ReportCoding.decoder().decode(BlueAngelReport.self,
                                                        from: Data(contentsOf: URL(fileURLWithPath: out + "/blue-angel.json")))
        let load = try #require(decoded.scenarios.first { $0.phase == .load }?.repetitions.first)
        #expect(Self.close(load.energyWh, 240.0 / 3600) && Self.close(load.storageReadMegabytes, 20))
        // The annex: 161 ticks × 9 channels + the header.
        let csv = try String(contentsOfFile: out + "/blue-angel-samples.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").count == 161 * 9 + 1)
        // Headless Chromium prints the page to PDF; pdftotext (poppler-utils) reads every heading back.
        let pdf = dir.path + "/blue-angel.pdf"
        let printed = try Chromium.run(["--no-pdf-header-footer", "--print-to-pdf=" + pdf,
                                        URL(fileURLWithPath: out + "/blue-angel.html").absoluteString])
        #expect(FileManager.default.fileExists(atPath: pdf), "\(printed.stderr)")
        let pdftotext = ChildProcess()
        pdftotext.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        pdftotext.arguments = ["-layout", pdf, "-"]
        let text = try CLI.capture(pdftotext)
        #expect(text.status == 0, "pdftotext (poppler-utils, `make deps`) failed: \(text.stderr)")
        for heading in BlueAngelHTML.headings + ["standard_usage_scenario", "idle_mode", "baseline"] {
            #expect(text.stdout.contains(heading), "the PDF lacks \(heading)")
        }
    }

    /// The scenario log from stored steps: `SyntheticRun` starts its clock at unix 0, so a step's
    /// unix ns are its ns since the run's start. Rep. 1's load window is [4, 8] s, rep. 2's [12, 16] s.
    @Test func scenarioLogGivesEachStoredStepItsTimesAndWhetherItLiesInItsLoadPhase() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try Self.run(dir)
        let noLog = try BlueAngelBuilder.build(report: report, store: store)
        #expect(noLog.scenarioLog.isEmpty && noLog.warnings.contains { $0.hasPrefix("the run stored no scenario log") })
        let steps = [
            LoadStepRecord(repetition: 1, step: 1, name: "open, then read", startUnixNanoseconds: 4_500_000_000,
                           endUnixNanoseconds: 5_500_000_000, plannedDurationSeconds: nil, exitCode: 0, signal: nil, endedBy: .exited),
            LoadStepRecord(repetition: 1, step: 2, name: "scroll", startUnixNanoseconds: 5_500_000_000,
                           endUnixNanoseconds: 8_000_000_000, plannedDurationSeconds: 2.5, exitCode: nil, signal: 15,
                           endedBy: .stoppedAtDuration),
            LoadStepRecord(repetition: 2, step: 1, name: "late", startUnixNanoseconds: 15_000_000_000,
                           endUnixNanoseconds: 16_500_000_000, plannedDurationSeconds: nil, exitCode: 0, signal: nil, endedBy: .exited),
        ]
        for step in steps.reversed() { try store.insertLoadStep(runID: report.run.id, step) }
        #expect(try store.loadSteps(runID: report.run.id) == steps)  // read back in repetition, step order
        let blueAngel = try BlueAngelBuilder.build(report: report, store: store)
        let log = blueAngel.scenarioLog
        // 4.5e9 ns → 4.5 s, lasting 5.5 − 4.5 = 1 s; 5.5 s for 8 − 5.5 = 2.5 s; 15 s for 1.5 s.
        #expect(log.map(\.startS) == [4.5, 5.5, 15] && log.map(\.durationS) == [1, 2.5, 1.5])
        // [4.5, 5.5] and [5.5, 8] lie in [4, 8]; [15, 16.5] ends after rep. 2's load ends at 16 s.
        #expect(log.map(\.withinLoadPhase) == [true, true, false])
        #expect(blueAngel.warnings.contains("scenario log: step 1 'late' of repetition 2 lies outside its load phase"))
        #expect(!blueAngel.warnings.contains { $0.hasPrefix("the run stored no scenario log") })
        let csv = BlueAngelScenarioLog.csv(log, runID: 7).split(separator: "\n").map(String.init)
        #expect(csv == [BlueAngelScenarioLog.columns.joined(separator: ","),
                        "7,1,1,\"open, then read\",4500000000,5500000000,4.5,1.0,,0,,exited,true",
                        "7,1,2,scroll,5500000000,8000000000,5.5,2.5,2.5,,15,stopped_at_duration,true",
                        "7,2,1,late,15000000000,16500000000,15.0,1.5,,0,,exited,false"])
    }
}
