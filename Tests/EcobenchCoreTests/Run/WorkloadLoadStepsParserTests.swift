import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun

/// `load.steps`: the standard usage scenario as named, timed commands. Good files parse into
/// the steps as written; bad ones fail with one line naming file, line and field.
@Suite("Workload parser: load.steps")
struct WorkloadLoadStepsParserTests {
    typealias Support = WorkloadTestSupport

    /// Lines: 1 name, 2 description, 3 functional_unit, 4 load:, 5 functional_units, 6 steps:,
    /// 7 - name: open, 8 argv, 9 - name: read, 10 shell, 11 duration_s, 12 - name: scroll,
    /// 13 argv, 14 duration_s, 15 env.
    static let steps = """
        name: demo
        description: a demo
        functional_unit: page
        load:
          functional_units: {regex: 'pages: (\\d+)', match: sum}
          steps:
            - name: open
              argv: [sh, -c, "echo pages: 2"]
            - name: read the page
              shell: "sleep {load_s}"
              duration_s: 0.5
            - name: scroll
              argv: [sleep, "30"]
              duration_s: 2
              env: {SPEED: "3"}
        """

    @Test func stepsParseInOrderWithNamesDurationsAndOneCountForTheLoad() throws {
        let spec = try WorkloadParser.parse(yaml: Self.steps, file: Support.file)
        #expect(spec.load.command == nil)
        #expect(spec.load.steps.map(\.name) == ["open", "read the page", "scroll"])
        #expect(spec.load.steps.map(\.durationSeconds) == [nil, 0.5, 2])
        #expect(spec.load.steps[0].command.invocation == .argv(["sh", "-c", "echo pages: 2"]))
        #expect(spec.load.steps[1].command.invocation == .shell("sleep {load_s}"))
        #expect(spec.load.steps[2].command.environment == ["SPEED": "3"])
        #expect(spec.load.steps.map(\.command.location.line) == [7, 9, 12])
        #expect(spec.load.steps.map(\.command.location.field) == ["load.steps[0]", "load.steps[1]", "load.steps[2]"])
        #expect(spec.load.functionalUnits.method == .regex(pattern: "pages: (\\d+)", aggregation: .sum, stream: .both))
        // The scenario is the steps; every step's command is checked and resolved like any other.
        #expect(spec.load.scenario == spec.load.steps)
        #expect(spec.allCommands.count == 3)
        // Placeholders are substituted in steps as in the single command: load_s defaults to 30 s (README "Phases").
        let resolved = try spec.load.steps[1].command.resolved(with: spec.placeholderValues(runDirectory: "/tmp/r"))
        #expect(resolved.argv == ["/bin/sh", "-c", "sleep 30"])
        #expect(spec.kubernetesUnsupported?.description
                == "Workloads/bad.yaml:7: load.steps: steps are not run on the Kubernetes target, whose load is the Job in "
                + "kubernetes.load_job; run this workload locally, or give its load as one command")
    }

    @Test func aSingleLoadCommandIsTheScenariosOneStepNamedLoad() throws {
        let spec = try WorkloadParser.parse(yaml: Support.minimal, file: Support.file)
        let command = try #require(spec.load.command)
        #expect(spec.load.steps.isEmpty)
        #expect(spec.load.scenario == [WorkloadSpec.LoadStep(name: "load", command: command, durationSeconds: nil)])
        #expect(spec.kubernetesUnsupported == nil)
    }

    @Test func badStepsNameFileLineAndField() {
        let yaml = Self.steps
        // A load is a command or steps, not both: the command's key is named.
        Support.expectError(yaml.replacingOccurrences(of: "  steps:\n", with: "  argv: [true]\n  steps:\n"),
                            line: 6, field: "load.argv", contains: "belongs in each step")
        // No steps at all.
        Support.expectError("name: demo\ndescription: d\nfunctional_unit: x\nload:\n  functional_units: {count: 1}\n  steps: []\n",
                            line: 6, field: "load.steps", contains: "at least one step")
        // A step needs a name (the line of its mapping) and a command.
        Support.expectError(yaml.replacingOccurrences(of: "- name: open\n      argv", with: "- argv"),
                            line: 7, field: "load.steps[0].name", contains: "required key 'name' is missing", kind: .missingKey)
        Support.expectError(yaml.replacingOccurrences(of: "      argv: [sh, -c, \"echo pages: 2\"]\n", with: ""),
                            line: 7, field: "load.steps[0]", contains: "needs 'argv'")
        // Names are unique.
        Support.expectError(yaml.replacingOccurrences(of: "name: scroll", with: "name: open"),
                            line: 12, field: "load.steps[2].name", contains: "'open' is used twice (first on line 7)")
        // duration_s > 0, and not with timeout_s.
        Support.expectError(yaml.replacingOccurrences(of: "duration_s: 0.5", with: "duration_s: 0"),
                            line: 11, field: "load.steps[1].duration_s", contains: "must be")
        Support.expectError(yaml.replacingOccurrences(of: "duration_s: 0.5", with: "duration_s: 0.5\n      timeout_s: 3"),
                            line: 12, field: "load.steps[1].timeout_s", contains: "'duration_s' already ends this step")
        // functional_units counts the whole load: a step's own is pointed back to the load.
        Support.expectError(yaml.replacingOccurrences(of: "duration_s: 2", with: "duration_s: 2\n      functional_units: {count: 1}"),
                            line: 15, field: "load.steps[2].functional_units", contains: "did you mean 'functional_units' under 'load:'?",
                            kind: .unknownKey)
        // A misspelt key gets its closest match; steps must be a list.
        Support.expectError(yaml.replacingOccurrences(of: "duration_s: 2", with: "duraton_s: 2"),
                            line: 14, field: "load.steps[2].duraton_s", contains: "did you mean 'duration_s'?", kind: .unknownKey)
        Support.expectError("name: demo\ndescription: d\nfunctional_unit: x\nload:\n  functional_units: {count: 1}\n  steps: {a: 1}\n",
                            line: 6, field: "load.steps", contains: "must be a list")
        // The load's count is still required with steps.
        Support.expectError(yaml.replacingOccurrences(of: "  functional_units: {regex: 'pages: (\\d+)', match: sum}\n", with: ""),
                            line: 5, field: "load.functional_units", contains: "is missing", kind: .missingKey)
    }

    @Test func theShippedStepsWorkloadParses() throws {
        let path = Support.workloadsDirectory.appendingPathComponent("cpu-stress-steps.yaml").path
        let spec = try WorkloadParser.parse(fileAtPath: path)
        #expect(spec.load.steps.map(\.name) == ["one worker", "pause", "two workers"])
        #expect(spec.load.steps.map(\.durationSeconds) == [nil, nil, nil])
        #expect(spec.load.steps[2].command.invocation == .argv(["stress-ng", "--cpu", "2", "--timeout", "{load_s}s", "--metrics-brief"]))
        // Two stress-ng metrics lines (one per run) add up: 8530 + 12000 bogo-ops.
        let units = try spec.load.functionalUnits.units(
            stdout: "", stderr: "stress-ng: metrc: [1] cpu   8530  10.00\nstress-ng: metrc: [2] cpu   12000  15.00\n",
            loadDurationSeconds: 30)
        #expect(units == 20_530)
    }
}
