import Foundation
import Testing
import EcobenchCore
@testable import EcobenchRun
@testable import EcobenchStore

/// `sweep:`: the rate-controlled load of `ecobench sweep`, its `{rate}` placeholders, latency
/// patterns, and the saturation rule (issue 15).
@Suite struct WorkloadSweepParserTests {
    typealias Support = WorkloadTestSupport

    /// `minimal` (7 lines) + this block: line 8 `sweep:`, 9 `workers`, 10 `load:`, 11 `argv`,
    /// 12 `latency:`, 13 `p99`.
    static let sweep = Support.minimal(plus: """
        sweep:
          workers: 4
          load:
            argv: [gen, "--rate", "{rate}", "--each", "{rate_per_worker}", "-d", "{load_s}"]
          latency:
            p99: {regex: '99% in ([0-9.]+) secs', unit: s}
        """)

    @Test func parsesTheSweepBlockAndFillsInTheRate() throws {
        let spec = try WorkloadParser.parse(yaml: Self.sweep, file: Support.file)
        let sweep = try #require(spec.sweep)
        #expect(sweep.workers == 4)
        #expect(sweep.location.line == 9 && sweep.location.field == "sweep")  // a mapping's line: its first key
        // No functional_units of its own: the workload's (count: 1) applies.
        #expect(sweep.functionalUnits.method == .count(1))
        let p99 = try #require(sweep.latency(.p99))
        #expect(p99.unit == .s && sweep.latency(.p50) == nil)
        // "  99% in 0.0125 secs" = 0.0125 s × 1000 ms/s = 12.5 ms.
        #expect(try p99.milliseconds(stdout: "  99% in 0.0125 secs\n", stderr: "") == 12.5)

        // Offered 250 units/s with 4 workers: {rate} = 250, {rate_per_worker} = 250 / 4 = 62.5;
        // {load_s} stays a placeholder until the runner resolves it (load_s = 30 by default).
        let level = try spec.sweepLevel(offeredRatePerSecond: 250)
        let levelCommand = try #require(level.load.command)
        #expect(levelCommand.invocation == .argv(["gen", "--rate", "250", "--each", "62.5", "-d", "{load_s}"]))
        let resolved = try levelCommand.resolved(with: level.placeholderValues(runDirectory: "/r"))
        #expect(resolved.argv == ["gen", "--rate", "250", "--each", "62.5", "-d", "30"])
        // Active idle: sleep through the load phase, no units.
        let idle = try spec.sweepLevel(offeredRatePerSecond: nil)
        #expect(idle.load.command?.invocation == .argv(["sleep", "{load_s}"]))
        #expect(try idle.load.functionalUnits.units(stdout: "", stderr: "", loadDurationSeconds: 30) == 0)
    }

    @Test func calibrationIsTheWorkloadsLoadOrTheSweepsOwn() throws {
        let plain = try WorkloadParser.parse(yaml: Self.sweep, file: Support.file)
        #expect(try plain.sweepCalibration().load == plain.load)
        let own = try WorkloadParser.parse(yaml: Self.sweep + "\n  calibration:\n    argv: [gen, \"-d\", \"{load_s}\"]",
                                           file: Support.file)
        let calibration = try own.sweepCalibration()
        #expect(calibration.load.command?.invocation == .argv(["gen", "-d", "{load_s}"]))
        #expect(calibration.load.functionalUnits.method == .count(1))  // counted like the levels
        // {rate} has no value at full speed: an unknown placeholder there.
        Support.expectError(Self.sweep + "\n  calibration:\n    argv: [gen, \"{rate}\"]", line: 15,
                            field: "sweep.calibration.argv[1]", contains: "unknown placeholder {rate}",
                            kind: .unknownPlaceholder)
    }

    @Test func fillingInKeepsOtherPlaceholdersAndLiteralBraces() {
        let command = WorkloadSpec.Command(invocation: .shell("awk '{ print $1 }' ${HOME} {rate} {{x}} {run_dir}"),
                                           location: .init(file: "f", line: 1, field: "sweep.load"))
        let filled = command.fillingIn(["rate": "12.5"])
        let resolved = try? filled.resolved(with: ["run_dir": "/r"])
        #expect(resolved?.argv == ["/bin/sh", "-c", "awk '{ print $1 }' ${HOME} 12.5 {x} /r"])
    }

    @Test func rejectsBadSweepBlocks() {
        // A load without {rate}: not rate-controlled.
        Support.expectError(Support.minimal(plus: "sweep:\n  load:\n    argv: [gen, fast]"), line: 10,
                            field: "sweep.load", contains: "must use {rate}")
        // {rate} outside sweep.load is an unknown placeholder.
        Support.expectError("""
            name: demo
            description: a demo
            functional_unit: request
            load:
              argv: [echo, "{rate}"]
              functional_units:
                count: 1
            """, line: 5, field: "load.argv[1]", contains: "unknown placeholder {rate}", kind: .unknownPlaceholder)
        Support.expectError(Support.minimal(plus: "sweep:\n  workers: 0\n  load:\n    argv: [g, \"{rate}\"]"),
                            line: 9, field: "sweep.workers", contains: "≥ 1")
        Support.expectError(Support.minimal(plus: "sweep:\n  load:\n    argv: [g, \"{rate}\"]\n  latency:\n"
                                            + "    p99: {regex: 'x ([0-9]+)', unit: hours}"),
                            line: 12, field: "sweep.latency.p99.unit", contains: "must be one of s, ms, us")
        Support.expectError(Support.minimal(plus: "sweep:\n  load:\n    argv: [g, \"{rate}\"]\n  latency:\n"
                                            + "    p99: {regex: 'no group', unit: ms}"),
                            line: 12, field: "sweep.latency.p99.regex", contains: "capture group")
        Support.expectError(Support.minimal(plus: "sweep:\n  load:\n    argv: [g, \"{rate}\"]\n  latency:\n"
                                            + "    p90: {regex: 'x ([0-9]+)', unit: ms}"),
                            line: 12, field: "sweep.latency.p90", contains: "unknown key 'p90'", kind: .unknownKey)
        Support.expectError(Support.minimal(plus: "sweep:\n  workers: 2"), line: 9, field: "sweep.load",
                            contains: "load", kind: .missingKey)
    }

    @Test func latencyThatIsNotFoundNamesTheField() throws {
        let spec = try WorkloadParser.parse(yaml: Self.sweep, file: Support.file)
        let p99 = try #require(spec.sweep?.latency(.p99))
        #expect(throws: WorkloadError.self) { try p99.milliseconds(stdout: "no latency here", stderr: "") }
        do { _ = try p99.milliseconds(stdout: "", stderr: "") } catch {
            #expect(error.description.hasPrefix("\(Support.file):13: sweep.latency.p99: "))
        }
    }

    @Test func referenceSweepsParse() throws {
        for name in ["nginx-static.yaml", "postgres-oltp.yaml"] {
            let url = Support.workloadsDirectory.appendingPathComponent(name)
            let spec = try WorkloadParser.parse(yaml: String(contentsOf: url, encoding: .utf8), file: url.path)
            let sweep = try #require(spec.sweep, "\(name) has no sweep:")
            #expect(sweep.latency.map(\.percentile) == [.p50, .p95, .p99])
        }
        let nginx = try WorkloadParser.parse(
            yaml: String(contentsOf: Support.workloadsDirectory.appendingPathComponent("nginx-static.yaml"), encoding: .utf8),
            file: "nginx-static.yaml")
        // hey's summary: 200 responses counted, the p99 line in seconds (0.0034 s = 3.4 ms).
        let hey = "Latency distribution:\n  50% in 0.0011 secs\n  95% in 0.0030 secs\n  99% in 0.0034 secs\n\n"
            + "Status code distribution:\n  [200]\t12345 responses\n"
        #expect(try nginx.sweep?.functionalUnits.units(stdout: hey, stderr: "", loadDurationSeconds: 1) == 12345)
        let p99Pattern = try #require(nginx.sweep?.latency(.p99))
        let p99 = try p99Pattern.milliseconds(stdout: hey, stderr: "")
        #expect(abs(p99 - 3.4) < 1e-9)
        // 16 workers: offered 800 requests/s → -q 800 / 16 = 50 per worker.
        let level = try nginx.sweepLevel(offeredRatePerSecond: 800)
        guard case .argv(let words)? = level.load.command?.invocation else { Issue.record("not argv"); return }
        #expect(words.contains("50") && level.requirements.contains { $0.binary == "hey" })
        #expect(!nginx.requirements.contains { $0.binary == "hey" }, "a plain run must not need hey")
        // The calibration is hey without a rate limit, counted like the levels.
        let calibration = try nginx.sweepCalibration()
        guard case .argv(let full)? = calibration.load.command?.invocation else { Issue.record("not argv"); return }
        #expect(full.first == "hey" && !full.contains("-q"))
        #expect(try calibration.load.functionalUnits.units(stdout: hey, stderr: "", loadDurationSeconds: 1) == 12345)
    }

    @Test func saturationRuleAndRates() {
        // Offered 100/s: 5 % below is 95/s. 95 is not more than 5 % below; 94.9 is.
        #expect(!SweepRate.isSaturated(offered: 100, achieved: 95))
        #expect(SweepRate.isSaturated(offered: 100, achieved: 94.9))
        #expect(!SweepRate.isSaturated(offered: 100, achieved: 130))  // above the offer: not saturated
        #expect(SweepRate.isSaturated(offered: 100, achieved: nil))   // nothing counted
        #expect(!SweepRate.isSaturated(offered: nil, achieved: 0))    // active idle
        // 30 % of 1234.5678/s = 370.37034 → 370.37 (0.001 precision); level 0 → no offer.
        #expect(SweepRate.offered(levelPercent: 30, maxPerSecond: 1234.5678) == 370.37)
        #expect(SweepRate.offered(levelPercent: 0, maxPerSecond: 1234.5678) == nil)
        #expect(SweepRate.spelled(370.37) == "370.37" && SweepRate.spelled(250) == "250")
        // Two repetitions: (600 + 500) units / (4.0 + 6.0) s = 110 units/s; other phases ignored.
        let phases = [
            PhaseRecord(id: 1, repetition: 1, name: .idle, startNanoseconds: 0, endNanoseconds: 1_000_000_000,
                        functionalUnits: nil),
            PhaseRecord(id: 2, repetition: 1, name: .load, startNanoseconds: 1_000_000_000,
                        endNanoseconds: 5_000_000_000, functionalUnits: 600),
            PhaseRecord(id: 3, repetition: 2, name: .load, startNanoseconds: 10_000_000_000,
                        endNanoseconds: 16_000_000_000, functionalUnits: 500),
        ]
        #expect(SweepRate.achieved(phases: phases) == 110)
        #expect(SweepRate.achieved(phases: Array(phases.prefix(1))) == nil)
    }
}
