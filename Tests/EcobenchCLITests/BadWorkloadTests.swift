import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Bad input through the real CLI: one line naming file, line and field; non-zero exit;
/// nothing written to the database.
@Suite struct BadWorkloadTests {
    func check(_ yaml: String, expect fragments: [String], extraArgs: [String] = []) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let file = dir.path + "/bad.yaml"
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let db = dir.path + "/e.db"
        let result = try CLI.run(["run", file, "--db", db, "--out", dir.path + "/out", "--quiet"] + extraArgs)
        #expect(result.status != 0)
        let errorLine = result.stderr.split(separator: "\n").first { $0.contains("bad.yaml") }.map(String.init) ?? ""
        for fragment in fragments {
            #expect(errorLine.contains(fragment), "missing \(fragment) in: \(result.stderr)")
        }
        let runs = try CLI.run(["runs", "--db", db])
        #expect(runs.stdout.contains("no runs"), "a run was stored: \(runs.stdout)")
    }

    let valid = """
        name: t
        description: d
        functional_unit: op
        load:
          argv: [true]
          functional_units: {count: 1}
        phases: {baseline_s: 0, idle_s: 0, load_s: 1, cooldown_s: 0}
        repetitions: 1
        """

    @Test func unknownKey() throws {
        try check(valid + "\nrepetitons: 2\n", expect: ["bad.yaml:9", "repetitons"])
    }

    @Test func negativeDuration() throws {
        try check(valid.replacingOccurrences(of: "idle_s: 0", with: "idle_s: -5"), expect: ["bad.yaml:7", "idle_s"])
    }

    @Test func missingBinary() throws {
        let yaml = valid + "\nrequires: [ecobench-no-such-binary]\n"
        try check(yaml, expect: ["bad.yaml:9", "ecobench-no-such-binary"])
    }

    @Test func portThatNeverOpens() throws {
        let yaml = valid + """

            service: {argv: [sleep, "30.0417"]}
            ready:
              - tcp: 127.0.0.1:9
                timeout_s: 1
            """
        try check(yaml, expect: ["bad.yaml:11", "ready[0]", "127.0.0.1:9", "did not accept"])
        // A duration no other test uses ("sleep 30" runs in NVMLWorkloadTests beside this one).
        #expect(CLI.processes(containing: "sleep 30.0417").isEmpty)
    }

    @Test func missingFile() throws {
        let result = try CLI.run(["run", "/nonexistent/w.yaml", "--quiet", "--db", "/tmp/ecobench-none.db"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/w.yaml"))
    }

    @Test func badOptionsAreValidationErrors() throws {
        let result = try CLI.run(["run", "Workloads/idle.yaml", "--interval", "0"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--interval"))
        let country = try CLI.run(["report", "1", "--country", "XX"])
        #expect(country.status != 0)
        #expect(country.stderr.contains("--country XX"))
    }
}
