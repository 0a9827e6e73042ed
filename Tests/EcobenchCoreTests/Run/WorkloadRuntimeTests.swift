import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun

/// What the runner calls after parsing: placeholder resolution, overrides, the PATH check
/// and functional-unit counting.
@Suite("Workload spec at run time: placeholders, overrides, environment, units")
struct WorkloadRuntimeTests {
    typealias Support = WorkloadTestSupport

    private func spec(_ yaml: String = Support.minimal) throws -> WorkloadSpec {
        try #require(Support.spec(yaml))
    }

    @Test func substitutesPlaceholdersInArgvShellEnvAndCwd() throws {
        let yaml = Support.minimal(plus: """
            setup:
              - argv: [tool, "--for={load_s}s", "{idle_s}+{baseline_s}+{cooldown_s}", "{workload_dir}/a"]
                env: {OUT: "{run_dir}/out", PLAIN: x}
                cwd: data
              - shell: "awk '{{print $1}}' {run_dir}/f ${HOME} {a,b}"
                cwd: "{run_dir}"
            phases: {load_s: 0.5, idle_s: 2}
            """)
        let spec = try spec(yaml)
        let values = spec.placeholderValues(runDirectory: "/tmp/run-1")
        #expect(values["load_s"] == "0.5" && values["baseline_s"] == "10" && values["idle_s"] == "2")
        let first = try spec.setup[0].resolved(with: values)
        let dir = spec.workloadDirectory
        #expect(first.argv == ["tool", "--for=0.5s", "2+10+10", "\(dir)/a"])
        #expect(first.environment == ["OUT": "/tmp/run-1/out", "PLAIN": "x"])
        #expect(first.workingDirectory == "\(dir)/data")
        #expect(!first.usesShell)
        let second = try spec.setup[1].resolved(with: values)
        #expect(second.argv == ["/bin/sh", "-c", "awk '{print $1}' /tmp/run-1/f ${HOME} {a,b}"])
        #expect(second.workingDirectory == "/tmp/run-1")
        #expect(second.usesShell)
        let load = try #require(spec.load.command).resolved(with: values)
        #expect(load.argv == ["echo", "0.5"])
    }

    @Test func resolvingWithoutAValueNamesThePlaceholder() throws {
        let command = try #require(try spec().load.command)
        do {
            _ = try command.resolved(with: ["idle_s": "1"])
            Issue.record("resolved without load_s")
        } catch {
            #expect(error.kind == .missingPlaceholderValue)
            #expect(error.description.hasPrefix("Workloads/bad.yaml:5: load.argv: "))
            #expect(error.description.contains("{load_s}"))
        }
    }

    @Test func overridesReplacePhasesAndRepetitions() throws {
        let spec = try spec()
        let changed = try spec.applying(overrides: WorkloadOverrides(
            repetitions: 1, baselineSeconds: 0, idleSeconds: 2, loadSeconds: 5, cooldownSeconds: 0.5))
        #expect(changed.repetitions == 1)
        #expect(changed.phases == WorkloadSpec.Phases(baselineSeconds: 0, idleSeconds: 2,
                                                      loadSeconds: 5, cooldownSeconds: 0.5))
        #expect(changed.placeholderValues(runDirectory: "/r")["load_s"] == "5")
        let untouched = try spec.applying(overrides: WorkloadOverrides(idleSeconds: 3))
        #expect(untouched.phases.loadSeconds == 30 && untouched.phases.idleSeconds == 3)
        #expect(WorkloadOverrides().isEmpty)
    }

    @Test func invalidOverridesAreRejectedLikeTheFile() throws {
        let spec = try spec()
        let cases: [(WorkloadOverrides, String)] = [
            (WorkloadOverrides(idleSeconds: -5), "Workloads/bad.yaml: --idle: must be a number ≥ 0, got -5"),
            (WorkloadOverrides(loadSeconds: 0), "Workloads/bad.yaml: --load: must be a number > 0, got 0"),
            (WorkloadOverrides(repetitions: 0), "Workloads/bad.yaml: --repetitions: must be an integer ≥ 1, got 0"),
            (WorkloadOverrides(baselineSeconds: .nan), "Workloads/bad.yaml: --baseline: must be a finite number"),
            (WorkloadOverrides(cooldownSeconds: -1), "Workloads/bad.yaml: --cooldown: must be a number ≥ 0, got -1"),
        ]
        for (overrides, expected) in cases {
            do {
                _ = try spec.applying(overrides: overrides)
                Issue.record("accepted \(overrides)")
            } catch {
                #expect(error.description.hasPrefix(expected), "got: \(error)")
                #expect(error.kind == .invalidOverride)
            }
        }
    }

    @Test func validateEnvironmentNamesMissingBinaryAndPackage() throws {
        let shOnly = try spec(Support.minimal(plus: "requires: [sh]"))
        try shOnly.validateEnvironment(path: "/nonexistent-dir:/usr/bin:/bin")
        let spec = try spec(Support.minimal(plus: "requires: [sh, ecobench-no-such-tool]\n"
                                            + "packages: {ecobench-no-such-tool: ecobench-tools}"))
        do {
            try spec.validateEnvironment(path: "/nonexistent-dir")
            Issue.record("sh found on an empty PATH")
        } catch {
            #expect(error.description.hasPrefix("Workloads/bad.yaml:8: requires[0]: required binary 'sh'"))
        }
        do {
            try spec.validateEnvironment(path: "/usr/bin:/bin")
            Issue.record("missing tool not reported")
        } catch {
            #expect(error.kind == .missingBinary)
            #expect(error.description.hasPrefix(
                "Workloads/bad.yaml:8: requires[1]: required binary 'ecobench-no-such-tool' not found on PATH"))
            #expect(error.description.contains("Debian package 'ecobench-tools'"))
        }
    }

    @Test func countsFunctionalUnits() throws {
        let location = WorkloadSpec.SourceLocation(file: "w.yaml", line: 3, field: "load.functional_units")
        func units(_ method: WorkloadSpec.FunctionalUnits.Method, _ stdout: String, _ stderr: String,
                   _ seconds: Double = 30) throws(WorkloadError) -> Double {
            try WorkloadSpec.FunctionalUnits(method: method, location: location)
                .units(stdout: stdout, stderr: stderr, loadDurationSeconds: seconds)
        }
        #expect(try units(.count(1000), "", "") == 1000)
        #expect(try units(.perSeconds(60), "", "", 90) == 1.5)
        let regex = "ops (\\d[\\d,]*)"
        #expect(try units(.regex(pattern: regex, aggregation: .first, stream: .both), "ops 5", "ops 7") == 5)
        #expect(try units(.regex(pattern: regex, aggregation: .first, stream: .stderr), "ops 5", "ops 7") == 7)
        #expect(try units(.regex(pattern: regex, aggregation: .sum, stream: .both), "ops 5\nops 1,000", "ops 7") == 1012)
        do {
            _ = try units(.regex(pattern: regex, aggregation: .sum, stream: .stdout), "nothing", "ops 7")
            Issue.record("matched nothing but counted")
        } catch {
            #expect(error.kind == .functionalUnitsNotFound)
            #expect(error.description.hasPrefix("w.yaml:3: load.functional_units: regex"))
        }
    }

    @Test func placeholderTemplatesHandleEscapesAndForeignBraces() {
        #expect(WorkloadSpec.unknownPlaceholders(in: "{{port}} ${HOME} {a,b} { x } {}") == [])
        #expect(WorkloadSpec.unknownPlaceholders(in: "{port} {load_s} {run_dir2}") == ["port", "run_dir2"])
        let values = ["load_s": "3"]
        #expect((try? WorkloadSpec.substitute("{{{load_s}}}", with: values).get()) == "{3}")
    }
}
