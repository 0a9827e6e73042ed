import EcobenchCore
@testable import EcobenchStore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench serve` as a user starts it, over a copy of the stored fixture runs (run 1: cpu-stress,
/// CPU estimate, 2 repetitions; run 2: cpu-stress, measured, 1 repetition), checked route by route
/// by content; then the pages in headless Chromium, and a run stored while the server is up appears in
/// its list and its live view advances while it runs.
@Suite(.serialized) struct ServeTests {
    static let fixture = CLI.packageRoot + "/Tests/EcobenchCoreTests/testdata/stored-runs/runs.db"

    @Test func serveAnswersEveryRouteReadOnlyWithToken() throws {
        try Exclusive.run { try serve() }
    }

    func serve() throws {
        let dir = try TemporaryDirectory("ecobench-serve")
        defer { dir.remove() }
        let db = dir.path + "/runs.db"
        try FileManager.default.copyItem(atPath: ServeTests.fixture, toPath: db)
        let port = try AgentHarness.freePort()
        let token = "serve-token-\(UUID().uuidString)"
        let tokenFile = dir.path + "/token"
        try (token + "\n").write(toFile: tokenFile, atomically: false, encoding: .utf8)
        let key = dir.path + "/serve.key"
        let keygen = try CLI.run(["keygen", "--out", key])
        #expect(keygen.status == 0, "\(keygen.stderr)")
        let arguments = ["serve", "--db", db, "--listen", "127.0.0.1:\(port)", "--token-file", tokenFile, "--sign-key", key]

        // The fixture's schema is older: serve never writes, so it refuses and says how to migrate.
        let refused = try CLI.run(arguments)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("migrate it once with `ecobench runs --db"), "\(refused.stderr)")
        let migrated = try CLI.run(["runs", "--db", db])
        #expect(migrated.status == 0, "\(migrated.stderr)")

        // A sweep over the two stored runs (run 2 at 100 %, run 1 at 50 %, hand-made: 2 and 1 units/s),
        // stored before the server starts: /sweeps/1 and compare by host find it. Both runs come from
        // one machine; run 1 is moved to a second, made-up one (its fingerprint) so that compare by
        // host has two hardware groups.
        do {
            let store = try RunStore(path: db)
            try store.db.execute("UPDATE runs SET host_json = json_set(host_json, '$.fingerprint', 'f0f0') WHERE id = 1")
            let sweepID = try store.createSweep(workload: "cpu-stress", levelsPercent: [100, 50], calibrationRunID: nil,
                                                maxThroughputPerSecond: 2, sloP99Milliseconds: nil)
            try store.addSweepLevel(SweepLevelRecord(sweepID: sweepID, levelPercent: 100, offeredRatePerSecond: 2, runID: 2,
                                                     achievedRatePerSecond: 2, saturated: false))
            try store.addSweepLevel(SweepLevelRecord(sweepID: sweepID, levelPercent: 50, offeredRatePerSecond: 1, runID: 1,
                                                     achievedRatePerSecond: 1, saturated: false))
        }
        let server = try CLI.start(arguments)
        defer { if server.process.isRunning { kill(server.process.processIdentifier, SIGKILL) } }
        let base = "http://127.0.0.1:\(port)"
        #expect(AgentHarness.waitUntilServing(base + "/api/runs", token: token, seconds: 20), "serve did not start")
        let before = try Data(contentsOf: URL(fileURLWithPath: db))

        // Token: 401 without it or with a wrong one (header or query), 200 with either; never echoed.
        for path in ["/", "/api/runs", "/runs/1", "/runs/1/report.json", "/compare?runs=1,2"] {
            let none = AgentHarness.get(base + path)
            #expect(none.status == 401 && none.body.contains("401 unauthorized"), "\(path): \(none.status)")
            #expect(AgentHarness.get(base + path, token: "wrong").status == 401)
            let separator = path.contains("?") ? "&" : "?"
            #expect(AgentHarness.get(base + path + separator + "token=wrong").status == 401)
            let byQuery = AgentHarness.get(base + path + separator + "token=" + token)
            #expect(byQuery.status == 200, "\(path) with ?token=: \(byQuery.status) \(byQuery.body.prefix(200))")
            #expect(!none.body.contains(token))
        }

        // /api/runs: both runs, newest first; the figures are the report's (`ecobench report`).
        let api = AgentHarness.get(base + "/api/runs", token: token)
        let page = try ReportCoding.decoder().decode(ServeRunPage.self, from: Data(api.body.utf8))
        #expect(page.total == 2 && page.runs.map(\.id) == [2, 1])
        for row in page.runs {
            let cli = try CLI.run(["report", String(row.id), "--db", db])
            let report = try ReportCoding.decoder().decode(Report.self, from: Data(cli.stdout.utf8))
            #expect(row.nodeEnergyJ == report.totals.nodeEnergyJ && row.nodeEnergyKind == report.totals.nodeEnergyKind)
            #expect(row.hostname == "vm" && row.workload == "cpu-stress" && row.status == .completed)
        }
        // Run 2 has one repetition: energy per unit = its workload energy ÷ its bogo-ops
        // = 15.3601713520648 J ÷ 6907 = 0.00222385570… J (report-2.json's load phase), n = 1, no CI.
        let two = try #require(page.runs.first { $0.id == 2 }?.energyPerUnitJ)
        #expect(abs(two.mean - 15.3601713520648 / 6907) < 1e-12 && two.n == 1 && two.ci95Low == nil)
        #expect(page.runs.first { $0.id == 1 }?.nodeEnergyKind == .estimated)
        #expect(page.runs.first { $0.id == 2 }?.nodeEnergyKind == .measured)

        // / : the table, filters, sorting and pages.
        let list = AgentHarness.get(base + "/", token: token).body
        #expect(list.contains("<tr data-run=\"1\">") && list.contains("<tr data-run=\"2\">") && list.contains("2 run(s) match"))
        #expect(list.contains("estimated") && list.contains("measured") && !list.contains("<script"))
        let failed = AgentHarness.get(base + "/?status=failed", token: token).body
        #expect(failed.contains("0 run(s) match") && !failed.contains("data-run=\"1\""))
        let first = AgentHarness.get(base + "/?sort=id&order=asc&per_page=1", token: token).body
        #expect(first.contains("data-run=\"1\"") && !first.contains("data-run=\"2\"") && first.contains("page 1 of 2"))
        #expect(first.contains("page=2"))
        let second = AgentHarness.get(base + "/?sort=id&order=asc&per_page=1&page=2", token: token).body
        #expect(second.contains("data-run=\"2\"") && !second.contains("data-run=\"1\""))
        // Run 1's fingerprint was made f0f0 above; both runs keep the hostname vm.
        let byHost = AgentHarness.get(base + "/api/runs?host=b1c2ca2b&workload=cpu-stress", token: token).body
        #expect(byHost.contains("\"total\" : 1") && byHost.contains("\"id\" : 2"))
        #expect(AgentHarness.get(base + "/api/runs?host=f0f0", token: token).body.contains("\"total\" : 1"))
        #expect(AgentHarness.get(base + "/api/runs?host=vm", token: token).body.contains("\"total\" : 2"))
        let otherHost = AgentHarness.get(base + "/api/runs?host=elsewhere", token: token).body
        #expect(otherHost.contains("\"total\" : 0"))
        for bad in ["/?sort=energy", "/?order=up", "/?page=0", "/?per_page=100000", "/api/runs?page=x"] {
            let answer = AgentHarness.get(base + bad, token: token)
            #expect(answer.status == 400 && answer.body.hasPrefix("400 bad request: "), "\(bad): \(answer.body)")
        }

        // /runs/1: the HTML report with downloads; with ?token= its links carry it on.
        let runPage = AgentHarness.get(base + "/runs/1?token=" + token).body
        #expect(runPage.contains("run 1</span></h1>") && runPage.contains("href=\"/runs/1/report.json?token=\(token)\""))
        // Downloads: the same bytes `ecobench report` writes.
        let json = AgentHarness.get(base + "/runs/1/report.json", token: token).body
        #expect(json == (try CLI.run(["report", "1", "--db", db])).stdout)
        let sci = AgentHarness.get(base + "/runs/1/sci.json", token: token).body
        #expect(sci == (try CLI.run(["report", "1", "--db", db, "--format", "sci"])).stdout)
        let csvDir = dir.path + "/csv"
        _ = try CLI.run(["report", "1", "--db", db, "--format", "csv", "--out", csvDir])
        for table in ["phases", "applications", "error-budget"] {
            let served = AgentHarness.get(base + "/runs/1/\(table).csv", token: token).body
            #expect(served == (try String(contentsOfFile: csvDir + "/\(table).csv", encoding: .utf8)), "\(table).csv")
        }
        // The signed report: the served report.json and its served signature verify with ecobench
        // (signature, content and the run's stored samples) and with the independent Python verifier.
        #expect(runPage.contains("href=\"/runs/1/report.json.sig?token=\(token)\""))
        let signature = AgentHarness.get(base + "/runs/1/report.json.sig", token: token)
        #expect(signature.status == 200, "\(signature.body.prefix(200))")
        try json.write(toFile: dir.path + "/served.json", atomically: false, encoding: .utf8)
        try signature.body.write(toFile: dir.path + "/served.json.sig", atomically: false, encoding: .utf8)
        let verified = try CLI.run(["verify", dir.path + "/served.json", "--db", db, "--key", key + ".pub"])
        #expect(verified.status == 0, "\(verified.stdout) \(verified.stderr)")
        let python = try ProjectPython.process([CLI.packageRoot + "/Tests/tools/verify_signature.py", dir.path + "/served.json",
                                                "--key", key + ".pub"])
        let pipe = Pipe()
        python.standardOutput = pipe
        python.standardError = pipe
        try python.run()
        let pythonOutput = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0 && pythonOutput.contains("valid"), "\(pythonOutput)")
        // Compare by host and the sweep: the same bytes as the CLI's JSON; the pages carry their tables and chart.
        let rack = AgentHarness.get(base + "/api/compare?runs=1,2&by=host", token: token)
        let cliRack = try CLI.run(["compare", "1", "2", "--by", "host", "--db", db, "--json"]).stdout
        #expect(rack.status == 200 && rack.body == cliRack, "\(rack.body.prefix(300))")
        let byHostPage = AgentHarness.get(base + "/compare?runs=1,2&by=host", token: token)
        #expect(byHostPage.status == 200 && byHostPage.body.contains("id=\"rack-groups\"") && byHostPage.body.contains("/runs/2"),
                "\(byHostPage.body.prefix(300))")
        let sweepJSON = AgentHarness.get(base + "/sweeps/1/sweep.json", token: token)
        let cliSweep = try CLI.run(["report", "--sweep", "1", "--db", db]).stdout
        #expect(sweepJSON.status == 200 && sweepJSON.body == cliSweep, "\(sweepJSON.body.prefix(300))")
        let sweepPage = AgentHarness.get(base + "/sweeps/1", token: token)
        #expect(sweepPage.status == 200 && sweepPage.body.contains("<svg") && sweepPage.body.contains("/sweeps/1/sweep.json"))
        // The sweeps list: the one sweep stored above, its two levels (100 % → run 2, 50 % → run 1) linked.
        let sweeps = AgentHarness.get(base + "/api/sweeps", token: token)
        let sweepRows = try #require(try JSONSerialization.jsonObject(with: Data(sweeps.body.utf8)) as? [[String: Any]],
                                     "\(sweeps.body)")
        let sweepRow = try #require(sweepRows.first, "\(sweeps.body)")
        #expect(sweepRows.count == 1 && (sweepRow["id"] as? NSNumber)?.intValue == 1 && sweepRow["workload"] as? String == "cpu-stress")
        let sweepLevels = (sweepRow["levels"] as? [[String: Any]]) ?? []
        let levelPercents: [Int] = sweepLevels.compactMap { ($0["level_percent"] as? NSNumber)?.intValue }
        let levelRuns: [Int] = sweepLevels.compactMap { ($0["run_id"] as? NSNumber)?.intValue }
        #expect(levelPercents == [100, 50] && levelRuns == [2, 1], "\(sweeps.body)")
        let sweepsPage = AgentHarness.get(base + "/sweeps", token: token)
        #expect(sweepsPage.status == 200 && sweepsPage.body.contains("href=\"/sweeps/1") && sweepsPage.body.contains("(2 of 2)"),
                "\(sweepsPage.body.prefix(600))")
        for (path, status, text) in [("/sweeps/9", 404, "no sweep 9"), ("/sweeps/1/x.json", 404, "sweep.json"),
                                     ("/compare?runs=1,2&by=cpu", 400, "by must be host")] {
            let answer = AgentHarness.get(base + path, token: token)
            #expect(answer.status == status && answer.body.contains(text), "\(path): \(answer.status) \(answer.body)")
        }
        for file in ["report.html", "impact-manifest.yaml", "blue-angel.json", "blue-angel.html", "eco-digit.json"] {
            let answer = AgentHarness.get(base + "/runs/2/" + file, token: token)
            #expect(answer.status == 200 && answer.body.count > 100, "\(file): \(answer.status) \(answer.body.prefix(200))")
        }

        // Errors: bad id 400, unknown run 404, unknown file 404; no path reaches the filesystem.
        for (path, status, text) in [("/runs/abc", 400, "positive integer"), ("/runs/-1", 400, "positive integer"),
                                     ("/runs/0", 400, "positive integer"), ("/runs/1e3", 400, "positive integer"),
                                     ("/runs/99", 404, "no run 99"), ("/runs/99/report.json", 404, "no run 99"),
                                     ("/runs/1/passwd", 404, "no such file"),
                                     ("/runs/1/..%2F..%2F..%2Fetc%2Fpasswd", 404, "no such file"),
                                     ("/compare?runs=1", 400, "at least two"), ("/compare?runs=1,x", 400, "positive integer"),
                                     ("/compare?runs=1,99", 404, "no run 99"), ("/nowhere", 404, "")] {
            let answer = AgentHarness.get(base + path, token: token)
            #expect(answer.status == status && (text.isEmpty || answer.body.contains(text)), "\(path): \(answer.status) \(answer.body)")
            #expect(!answer.body.contains("root:"))
        }

        // /compare: the result `ecobench compare` gives, with its chart.
        let compared = AgentHarness.get(base + "/api/compare?runs=1,2", token: token).body
        let cli = try CLI.run(["compare", "1", "2", "--db", db, "--json"]).stdout
        #expect(compared == cli)
        let comparePage = AgentHarness.get(base + "/compare?run=1&run=2", token: token).body
        #expect(comparePage.contains("<svg id=\"compare-chart\"") && comparePage.contains("2 vs 1"))
        #expect(comparePage.contains("energy_per_unit_j"))

        // Read-only: nothing above changed the database file.
        #expect(try Data(contentsOf: URL(fileURLWithPath: db)) == before)

        // What a browser shows (headless Chromium, the DOM after parsing): the list, a run page, a comparison.
        let dom = try Chromium.run(["--dump-dom", base + "/?token=" + token]).stdout
        #expect(dom.contains("<tr data-run=\"1\">") && dom.contains("2 run(s) match"), "\(dom.prefix(300))")
        let runDOM = try Chromium.run(["--dump-dom", base + "/runs/2?token=" + token]).stdout
        #expect(runDOM.contains("run 2</span></h1>") && runDOM.contains("/runs/2/blue-angel.json?token="))
        let compareDOM = try Chromium.run(["--dump-dom", base + "/compare?runs=1,2&token=" + token]).stdout
        #expect(compareDOM.contains("compare-chart") && compareDOM.contains("2 vs 1"))
        let screenshot = dir.path + "/serve-runs.png"
        _ = try Chromium.run(["--screenshot=" + screenshot, "--window-size=1280,520", base + "/?token=" + token])
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "no PNG screenshot")

        // A run stored while the server is up appears, and its live view advances while it runs:
        // 2 s baseline + 1 s idle + the load, so two polls 1 s apart both see it running.
        try """
            name: serve-new
            description: a run stored while ecobench serve is up
            functional_unit: call
            load: {argv: [true], functional_units: {count: 1}}
            phases: {baseline_s: 2, idle_s: 1, load_s: 0.5, cooldown_s: 0}
            repetitions: 1
            """.write(toFile: dir.path + "/new.yaml", atomically: true, encoding: .utf8)
        let running = try CLI.start(["run", dir.path + "/new.yaml", "--db", db, "--out", dir.path + "/out", "--quiet"])
        defer { if running.process.isRunning { kill(running.process.processIdentifier, SIGKILL) } }
        func live() throws -> ServeLive? {
            let answer = AgentHarness.get(base + "/runs/3/live.json", token: token)
            guard answer.status == 200 else { return nil }
            return try ReportCoding.decoder().decode(ServeLive.self, from: Data(answer.body.utf8))
        }
        var firstLive: ServeLive?
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            if let state = try live(), state.status == .running, state.phase != nil { firstLive = state; break }
            usleep(100_000)
        }
        let started = try #require(firstLive, "the running run never showed in live.json")
        let runningPage = AgentHarness.get(base + "/runs/3", token: token)
        #expect(runningPage.status == 200 && runningPage.body.contains("<section id=\"live\" data-status=\"running\">"))
        usleep(1_000_000)
        let later = try #require(try live())
        // The server's clock moved 1 s between the polls: elapsed grows by at least 1 s while running.
        #expect(later.status == .running && later.elapsedS >= started.elapsedS + 1.0, "\(started.elapsedS) → \(later.elapsedS)")
        #expect(later.phasesCompleted >= started.phasesCompleted)
        // Planned time to go: within the plan's 2 + 1 + 0.5 + 0 = 3.5 s, and never growing.
        let remaining = try #require(started.remainingS), laterRemaining = try #require(later.remainingS)
        #expect(remaining >= 0 && remaining <= 3.5 && laterRemaining <= remaining, "\(remaining) → \(laterRemaining)")
        let run = running.finish()
        #expect(run.status == 0, "\(run.stderr)")
        let after = try ReportCoding.decoder().decode(ServeRunPage.self,
                                                      from: Data(AgentHarness.get(base + "/api/runs", token: token).body.utf8))
        #expect(after.total == 3 && after.runs.first?.workload == "serve-new" && after.runs.first?.status == .completed)
        #expect(AgentHarness.get(base + "/", token: token).body.contains("serve-new"))
        let ended = try #require(try live())
        #expect(ended.status == .completed && ended.phasesCompleted >= 3 && !ended.power.isEmpty && ended.remainingS == nil)
        #expect(!AgentHarness.get(base + "/runs/3", token: token).body.contains("id=\"live\""))
        #expect(AgentHarness.get(base + "/runs/99/live.json", token: token).status == 404)

        kill(server.process.processIdentifier, SIGINT)
        let result = server.finish()
        #expect(result.stderr.contains("(read-only)") && result.stderr.contains("(token required)"))
        #expect(!result.stderr.contains(token) && !result.stdout.contains(token))
    }
}
