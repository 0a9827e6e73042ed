import Foundation
import Testing
import EcobenchCore

/// One test per kind of bad input: each error must be one line naming file, line and field.
@Suite("Workload parser: errors name file, line and field")
struct WorkloadParserErrorTests {
    typealias Support = WorkloadTestSupport

    @Test func invalidYAMLReportsLibYAMLLine() throws {
        let yaml = "name: demo\ndescription: a demo\nload:\n  argv: [echo\n  functional_units: {count: 1}\n"
        let error = try #require(Support.error(parsing: yaml))
        #expect(error.kind == .invalidYAML)
        #expect(error.description.hasPrefix("Workloads/bad.yaml:5: invalid YAML: "), "\(error)")
        #expect(!error.description.contains("\n"))
    }

    @Test func topLevelMustBeAMapping() {
        // The root has no field name: the prefix is `file:line: ` then the message.
        Support.expectError("- name: demo\n- load: x\n", line: 1, field: "", contains: "must be a mapping")
    }

    @Test func emptyFile() throws {
        let error = try #require(Support.error(parsing: "# nothing here\n"))
        #expect(error.description.hasPrefix("Workloads/bad.yaml:1: file is empty"))
    }

    @Test func unknownTopLevelKeySuggestsClosest() {
        Support.expectError(Support.minimal(plus: "repetitons: 2"), line: 8, field: "repetitons",
                            contains: "did you mean 'repetitions'?", kind: .unknownKey)
    }

    @Test func unknownNestedKeysSuggestClosest() {
        Support.expectError(Support.minimal(plus: "phases:\n  idle: 5"), line: 9, field: "phases.idle",
                            contains: "did you mean 'idle_s'?", kind: .unknownKey)
        Support.expectError(Support.minimal(plus: "setup:\n  - argv: [true]\n    timeout: 3"), line: 10,
                            field: "setup[0].timeout", contains: "did you mean 'timeout_s'?", kind: .unknownKey)
        Support.expectError(Support.minimal(plus: "ready:\n  - tcpp: 1.2.3.4:5"), line: 9, field: "ready[0].tcpp",
                            contains: "did you mean 'tcp'?", kind: .unknownKey)
        Support.expectError(Support.minimal(plus: "colour: blue"), line: 8, field: "colour",
                            contains: "expected one of: name, description", kind: .unknownKey)
    }

    @Test func duplicateKey() {
        Support.expectError(Support.minimal(plus: "name: again"), line: 8, field: "name",
                            contains: "duplicate key 'name' (first given on line 1)")
    }

    @Test func missingRequiredKeyReportsMappingLine() {
        let yaml = "name: demo\ndescription: a demo\nload:\n  argv: [true]\n  functional_units: {count: 1}\n"
        Support.expectError(yaml, line: 1, field: "functional_unit", contains: "required key 'functional_unit' is missing",
                            kind: .missingKey)
        let noUnits = "name: demo\ndescription: d\nfunctional_unit: x\nload:\n  argv: [true]\n"
        Support.expectError(noUnits, line: 5, field: "load.functional_units", contains: "is missing", kind: .missingKey)
    }

    @Test func wrongTypes() {
        Support.expectError(Support.minimal.replacingOccurrences(of: "description: a demo", with: "description: [a, b]"),
                            line: 2, field: "description", contains: "must be a string, got a list")
        Support.expectError(Support.minimal.replacingOccurrences(of: "argv: [echo, \"{load_s}\"]", with: "argv: echo hi"),
                            line: 5, field: "load.argv", contains: "must be a list of strings, got \"echo hi\"")
        Support.expectError(Support.minimal(plus: "phases: [1, 2]"), line: 8, field: "phases",
                            contains: "must be a mapping, got a list")
        Support.expectError(Support.minimal(plus: "setup: {argv: [true]}"), line: 8, field: "setup",
                            contains: "must be a list, got a mapping")
        Support.expectError(Support.minimal.replacingOccurrences(of: "description: a demo", with: "description:"),
                            line: 2, field: "description", contains: "got nothing")
    }

    @Test func negativeDuration() throws {
        let error = try #require(Support.error(parsing: Support.minimal(plus: "phases:\n  idle_s: -5")))
        #expect(error.description == "Workloads/bad.yaml:9: phases.idle_s: must be a number ≥ 0, got -5")
        Support.expectError(Support.minimal(plus: "phases: {cooldown_s: -0.5}"), line: 8, field: "phases.cooldown_s",
                            contains: "must be a number ≥ 0, got -0.5")
    }

    @Test func nonNumericDuration() {
        Support.expectError(Support.minimal(plus: "phases:\n  baseline_s: 10s"), line: 9, field: "phases.baseline_s",
                            contains: "must be a number ≥ 0, got \"10s\"")
        Support.expectError(Support.minimal(plus: "phases:\n  baseline_s: \"10\""), line: 9, field: "phases.baseline_s",
                            contains: "got \"10\"")
        Support.expectError(Support.minimal(plus: "phases:\n  load_s: .inf"), line: 9, field: "phases.load_s",
                            contains: "finite")
    }

    @Test func zeroLoadDuration() {
        Support.expectError(Support.minimal(plus: "phases:\n  load_s: 0"), line: 9, field: "phases.load_s",
                            contains: "must be a number > 0, got 0")
    }

    @Test func badRepetitions() {
        Support.expectError(Support.minimal(plus: "repetitions: 0"), line: 8, field: "repetitions",
                            contains: "must be an integer ≥ 1, got 0")
        Support.expectError(Support.minimal(plus: "repetitions: 2.5"), line: 8, field: "repetitions",
                            contains: "must be an integer ≥ 1, got 2.5")
        Support.expectError(Support.minimal(plus: "repetitions: three"), line: 8, field: "repetitions",
                            contains: "got \"three\"")
    }

    @Test func commandWithBothOrNeitherArgvAndShell() {
        Support.expectError(Support.minimal(plus: "setup:\n  - argv: [true]\n    shell: \"true\""), line: 9,
                            field: "setup[0]", contains: "has both 'argv' and 'shell'")
        Support.expectError(Support.minimal(plus: "teardown:\n  - env: {A: b}"), line: 9,
                            field: "teardown[0]", contains: "needs 'argv'")
    }

    @Test func emptyArgv() {
        Support.expectError(Support.minimal(plus: "service:\n  argv: []"), line: 9, field: "service.argv",
                            contains: "must not be empty")
        Support.expectError(Support.minimal(plus: "service:\n  argv: [\"\", x]"), line: 9, field: "service.argv[0]",
                            contains: "must not be empty")
    }

    @Test func regexThatDoesNotCompile() {
        let yaml = Support.minimal.replacingOccurrences(of: "count: 1", with: "regex: '(\\d+'")
        Support.expectError(yaml, line: 7, field: "load.functional_units.regex", contains: "does not compile")
        let noGroup = Support.minimal.replacingOccurrences(of: "count: 1", with: "regex: '\\d+'")
        Support.expectError(noGroup, line: 7, field: "load.functional_units.regex", contains: "capture group")
    }

    @Test func moreThanOneFunctionalUnitsMethod() {
        let yaml = Support.minimal.replacingOccurrences(of: "count: 1", with: "count: 1\n    per_seconds: 60")
        Support.expectError(yaml, line: 7, field: "load.functional_units",
                            contains: "more than one counting method (count, per_seconds)")
        let none = Support.minimal.replacingOccurrences(of: "count: 1", with: "stream: stdout")
        Support.expectError(none, line: 7, field: "load.functional_units", contains: "needs exactly one of")
        let matchWithoutRegex = Support.minimal.replacingOccurrences(of: "count: 1", with: "count: 1\n    match: sum")
        Support.expectError(matchWithoutRegex, line: 8, field: "load.functional_units.match",
                            contains: "only applies to 'regex'")
        let zero = Support.minimal.replacingOccurrences(of: "count: 1", with: "per_seconds: 0")
        Support.expectError(zero, line: 7, field: "load.functional_units.per_seconds", contains: "must be a number > 0")
    }

    @Test func nameWithBadCharacters() {
        Support.expectError(Support.minimal.replacingOccurrences(of: "name: demo", with: "name: CPU stress"),
                            line: 1, field: "name", contains: "[a-z0-9-]+")
    }

    @Test func unknownPlaceholders() {
        let inArgv = Support.minimal.replacingOccurrences(of: "{load_s}", with: "{load_seconds}")
        Support.expectError(inArgv, line: 5, field: "load.argv[1]", contains: "unknown placeholder {load_seconds}; did you mean {load_s}?",
                            kind: .unknownPlaceholder)
        Support.expectError(Support.minimal(plus: "setup:\n  - shell: echo {port}"), line: 9, field: "setup[0].shell",
                            contains: "unknown placeholder {port}", kind: .unknownPlaceholder)
        Support.expectError(Support.minimal(plus: "setup:\n  - argv: [true]\n    env:\n      DIR: \"{rundir}\""),
                            line: 11, field: "setup[0].env.DIR", contains: "did you mean {run_dir}?",
                            kind: .unknownPlaceholder)
    }

    @Test func otherCommandAndReadinessMistakes() {
        Support.expectError(Support.minimal(plus: "setup:\n  - argv: [true]\n    timeout_s: -1"), line: 10,
                            field: "setup[0].timeout_s", contains: "must be a number > 0, got -1")
        Support.expectError(Support.minimal(plus: "service: {argv: [s]}\nready:\n  - tcp: localhost"), line: 10,
                            field: "ready[0].tcp", contains: "must be host:port")
        Support.expectError(Support.minimal(plus: "ready:\n  - tcp: 127.0.0.1:80"), line: 9,
                            field: "ready", contains: "need a service")
        Support.expectError(Support.minimal(plus: "requires: [x]\npackages: {y: z}"), line: 9,
                            field: "packages.y", contains: "expected one of: x", kind: .unknownKey)
        Support.expectError(Support.minimal(plus: "setup:\n  - argv: [true]\n    env: {1X: y}"), line: 10,
                            field: "setup[0].env.1X", contains: "environment variable name")
    }
}

extension WorkloadParserErrorTests {
    @Test func topLevelKeyThatBelongsUnderPhases() {
        Support.expectError(Support.minimal(plus: "load_seconds: 4"), line: 8, field: "load_seconds",
                            contains: "did you mean 'load_s' under 'phases:'?", kind: .unknownKey)
        Support.expectError(Support.minimal(plus: "idle_s: 4"), line: 8, field: "idle_s",
                            contains: "did you mean 'idle_s' under 'phases:'?", kind: .unknownKey)
    }
}
