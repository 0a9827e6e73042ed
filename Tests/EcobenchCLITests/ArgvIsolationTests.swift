import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Workload commands are argv arrays executed directly: shell syntax inside an argv element
/// (`$(...)`, `;`, backquotes, globs, redirections) reaches the program as literal text.
struct ArgvIsolationTests {
    @Test func shellSyntaxInAnArgvElementIsPassedLiterally() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let touched = dir.path + "/touched"
        let elements = ["$(touch \(touched)-1)", "; touch \(touched)-2", "`touch \(touched)-3`",
                        "&& touch \(touched)-4", "> \(touched)-5", "*", "$HOME"]
        let quoted = elements.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        try """
            name: argv
            description: shell syntax as plain arguments
            functional_unit: op
            load:
              argv: [printf, "%s\\\\n", \(quoted.joined(separator: ", "))]
              functional_units: {count: 1}
            phases: {baseline_s: 0, idle_s: 0, load_s: 0.1, cooldown_s: 0}
            repetitions: 1
            """.write(toFile: dir.path + "/argv.yaml", atomically: true, encoding: .utf8)
        let result = try CLI.run(["run", dir.path + "/argv.yaml", "--db", dir.path + "/e.db", "--out", dir.path + "/out",
                                  "--no-checks", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let printed = try String(contentsOfFile: dir.path + "/out/run-1/work/load-1.stdout", encoding: .utf8)
        #expect(printed.split(separator: "\n").map(String.init) == elements)
        for n in 1...5 {
            #expect(!FileManager.default.fileExists(atPath: "\(touched)-\(n)"), "a shell ran element \(n)")
        }
    }
}
