import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A real run of a workload whose load is three steps (`load.steps`), then its Blue Angel report:
/// the stored scenario log is in order, inside each repetition's load phase, each step lasts its
/// duration within the tolerance below, and the report shows the log (schema-valid, CSV annex).
@Suite(.serialized) struct LoadStepsRunTests {
    /// Step 1 runs to completion (sleep 0.3 s, then prints 2 pages), step 2 prints 3 pages and
    /// exits at once but lasts its duration_s 0.5 s, step 3 (sleep 30) is stopped at its 0.4 s.
    static let workload = """
        name: steps
        description: three timed steps
        functional_unit: page
        load:
          functional_units: {regex: 'pages: (\\d+)', match: sum, stream: stdout}
          steps:
            - name: open
              argv: [sh, -c, "sleep 0.3; echo pages: 2"]
            - name: read
              shell: "echo pages: 3"
              duration_s: 0.5
            - name: scroll
              argv: [sleep, "30"]
              duration_s: 0.4
        phases: {baseline_s: 0.2, idle_s: 0.2, load_s: 1, cooldown_s: 0.2}
        repetitions: 2
        """

    @Test func stepsAreLoggedInOrderInsideTheLoadPhaseAndShownInTheBlueAngelReport() throws {
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            try Self.workload.write(toFile: dir.path + "/steps.yaml", atomically: true, encoding: .utf8)
            let db = dir.path + "/e.db"
            let result = try CLI.run(["run", dir.path + "/steps.yaml", "--db", db, "--out", dir.path + "/out",
                                      "--no-checks", "--quiet"])
            #expect(result.status == 0, "\(result.stderr)")
            let store = try RunStore(path: db)
            let steps = try store.loadSteps(runID: 1)
            let clockStart = try #require(try store.run(id: 1)).run.clockStartUnixNanoseconds
            let loads = try store.phases(runID: 1).filter { $0.name == .load }
            try #require(loads.count == 2 && steps.count == 6, "\(loads) \(steps)")
            #expect(steps.map(\.repetition) == [1, 1, 1, 2, 2, 2] && steps.map(\.step) == [1, 2, 3, 1, 2, 3])
            #expect(steps.map(\.name) == ["open", "read", "scroll", "open", "read", "scroll"])
            #expect(steps.map(\.endedBy) == [.exited, .exited, .stoppedAtDuration, .exited, .exited, .stoppedAtDuration])
            // sleep ends on the SIGTERM that stops it at its duration: signal 15, no exit code.
            #expect(steps.map(\.exitCode) == [0, 0, nil, 0, 0, nil] && steps.map(\.signal) == [nil, nil, 15, nil, nil, 15])
            #expect(steps.map(\.plannedDurationSeconds) == [nil, 0.5, 0.4, nil, 0.5, 0.4])
            // Durations: never shorter than the sleep or duration_s (0.3, 0.5, 0.4 s: the early exit
            // waits out its duration). Not a speed check: the only upper bound is that the stopped
            // `sleep 30` did not run its 30 s (a loaded machine adds seconds at most, not tens).
            for (index, lower) in [0.3, 0.5, 0.4, 0.3, 0.5, 0.4].enumerated() {
                let seconds = Double(steps[index].endUnixNanoseconds - steps[index].startUnixNanoseconds) / 1e9
                #expect(seconds >= lower && seconds < 15, "step \(index): \(seconds) s")
            }
            for repetition in 1...2 {
                let load = loads[repetition - 1]
                let own = steps.filter { $0.repetition == repetition }
                let phaseEnd = try #require(load.endNanoseconds)
                // Inside the load phase (phase times are ns since the run's clock start) and one after another.
                #expect(clockStart + load.startNanoseconds <= own[0].startUnixNanoseconds)
                #expect(own[2].endUnixNanoseconds <= clockStart + phaseEnd)
                #expect(own[0].endUnixNanoseconds <= own[1].startUnixNanoseconds
                        && own[1].endUnixNanoseconds <= own[2].startUnixNanoseconds)
                // Pages summed over the steps' stdout: 2 + 3 = 5 per load phase.
                #expect(load.functionalUnits == 5)
            }

            let out = dir.path + "/ba"
            let report = try CLI.run(["report", "1", "--db", db, "--format", "blue-angel", "--out", out])
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.split(separator: "\n").map { ($0 as NSString).lastPathComponent }
                    == ["blue-angel.json", "blue-angel.html", "blue-angel-samples.csv", "blue-angel-scenario-log.csv"])
            let validation = try CLI.validateReport(out + "/blue-angel.json", schema: "blue-angel.schema.json")
            #expect(validation.status == 0, "\(validation.stdout)")
            let blueAngel = try ReportCoding.decoder().decode(BlueAngelReport.self,
                                                              from: Data(contentsOf: URL(fileURLWithPath: out + "/blue-angel.json")))
            #expect(blueAngel.scenarioLog.map(\.name) == steps.map(\.name))
            #expect(blueAngel.scenarioLog.allSatisfy { $0.withinLoadPhase })
            #expect(blueAngel.scenarioLog.map(\.startUnixNs) == steps.map(\.startUnixNanoseconds))
            // start_s is the same instant in s since the run's start.
            #expect(abs(blueAngel.scenarioLog[3].startS - Double(steps[3].startUnixNanoseconds - clockStart) / 1e9) < 1e-9)
            let csv = try String(contentsOfFile: out + "/blue-angel-scenario-log.csv", encoding: .utf8)
            let rows = csv.split(separator: "\n").map(String.init)
            #expect(rows.count == 7 && rows[0].hasPrefix("run_id,repetition,step,name,start_unix_ns"))
            #expect(rows[3].hasPrefix("1,1,3,scroll,\(steps[2].startUnixNanoseconds),") && rows[3].hasSuffix(",15,stopped_at_duration,true"))
            let html = try String(contentsOfFile: out + "/blue-angel.html", encoding: .utf8)
            #expect(html.contains("<h2>Scenario log</h2>") && html.contains("stopped at duration, signal 15"))
        }
    }
}
