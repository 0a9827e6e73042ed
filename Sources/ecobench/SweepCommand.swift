import ArgumentParser
import EcobenchCore
import Foundation

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run a workload at fixed offered rates (100 %, 90 %, …, active idle of its calibrated maximum).",
        discussion: "A calibration run at full speed gives the maximum throughput; each level is then its own "
            + "run with the workload's sweep: load and {rate} = level × maximum. See docs/sweeps.md.")

    @Argument(help: "Workload file (YAML) with a sweep: block, e.g. Workloads/nginx-static.yaml.")
    var workload: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var collector: CollectorOptions
    @OptionGroup var meters: MeterOptions
    @OptionGroup var carbon: CarbonOptions
    @OptionGroup var impact: ImpactOptions

    @Option(help: "Target loads, percent of the calibrated maximum, in the order run (0 = active idle).")
    var levels: String = "100,90,80,70,60,50,40,30,20,10,0"
    @Option(name: .customLong("slo-p99"), help: "p99 latency objective in milliseconds, stored with the sweep.")
    var sloP99: Double?

    @Option(help: "Mean utilisation (0…1, of the highest achieved throughput) for the sweep report's yearly energy.")
    var utilisation: Double = 0.3

    @Option(help: "Repetitions of every run (overrides the workload file).") var repetitions: Int?
    @Option(help: "Baseline phase, seconds.") var baseline: Double?
    @Option(help: "Idle phase, seconds.") var idle: Double?
    @Option(help: "Load phase, seconds.") var load: Double?
    @Option(help: "Cooldown phase, seconds.") var cooldown: Double?
    @Option(help: "Sampling interval in milliseconds.") var interval: Double = 100
    @Option(help: "Directory for the runs' reports (run-<id>/ each).") var out: String = "ecobench-reports"
    @Flag(help: "No progress output.") var quiet = false
    @Flag(help: "Skip the pre-flight checks (recorded in each run's report as skipped); same as --checks off.")
    var noChecks = false
    @Option(help: "Pre-flight checks: enforce, warn-only, or off. Default: $ECOBENCH_CHECKS, else enforce.")
    var checks: String?

    var parsedLevels: [Int] { levels.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) } }

    var checkMode: CheckMode {
        if noChecks { return .off }
        return CheckMode(rawValue: checks ?? ProcessInfo.processInfo.environment["ECOBENCH_CHECKS"] ?? "") ?? .enforce
    }

    func validate() throws {
        let words = levels.split(separator: ",", omittingEmptySubsequences: false)
        guard !words.isEmpty, parsedLevels.count == words.count, parsedLevels.allSatisfy({ (0...100).contains($0) }) else {
            throw ValidationError("--levels must be whole percentages 0 to 100 separated by commas "
                                  + "(e.g. 100,50,10,0), got \(levels)")
        }
        guard Set(parsedLevels).count == parsedLevels.count else {
            throw ValidationError("--levels names a level twice: \(levels)")
        }
        if let sloP99, !(sloP99.isFinite && sloP99 > 0) {
            throw ValidationError("--slo-p99 must be a number of milliseconds > 0, got \(sloP99)")
        }
        guard utilisation > 0, utilisation <= 1 else {
            throw ValidationError("--utilisation must be in (0, 1], got \(utilisation)")
        }
        guard interval >= 1 && interval <= 60_000 else {
            throw ValidationError("--interval must be between 1 and 60000 ms, got \(interval)")
        }
        if let chosen = checks ?? ProcessInfo.processInfo.environment["ECOBENCH_CHECKS"], CheckMode(rawValue: chosen) == nil {
            throw ValidationError("--checks (or $ECOBENCH_CHECKS) must be one of "
                                  + CheckMode.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(chosen)")
        }
    }

    func run() throws {
        let spec: WorkloadSpec
        let yaml: String
        do {
            let overrides = WorkloadOverrides(repetitions: repetitions, baselineSeconds: baseline, idleSeconds: idle,
                                              loadSeconds: load, cooldownSeconds: cooldown)
            let parsed = try WorkloadParser.parseKeepingText(fileAtPath: workload)
            (spec, yaml) = (try parsed.spec.applying(overrides: overrides), parsed.yaml)
            // The generator of the sweep's load is checked too, before the calibration starts.
            try spec.sweepLevel(offeredRatePerSecond: 1)
                .validateEnvironment(path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        } catch {
            throw CLIError(error.description)
        }
        try impact.checkGridSeriesCoversNow()
        let preflight = try PreflightGate.beforeRun(
            mode: checkMode, procRoot: collector.procRoot, sysfsRoot: collector.sysfsRoot, seconds: 1,
            databasePath: database.resolvedPath, notable: PreflightPrinter.notable(quiet: quiet))
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        let stop = StopSignal()
        stop.install()
        var sources = collector.sourceOptions
        try meters.apply(to: &sources)
        var config = RunConfiguration(
            spec: spec, workloadYAML: yaml, intervalNanoseconds: Int64(interval * 1e6), sources: sources,
            carbon: carbon.resolved, idlePolicy: impact.parsedIdlePolicy ?? .none, impact: try impact.settings(),
            outputDirectory: out)
        config.preflightChecks = preflight
        let runner = SweepRunner(base: config, levelsPercent: parsedLevels, sloP99Milliseconds: sloP99, store: store,
                                 stop: stop, progress: ProgressReporter(mode: .automatic(quiet: quiet))) { line in
            FileHandle.standardError.write(Data("sweep: \(line)\n".utf8))
        }
        let outcome = try runner.run()
        SweepTablePrinter.print(outcome, unit: spec.functionalUnit, database: store.path)
        if let id = outcome.sweepID, !outcome.levels.isEmpty {
            // The sweep's report (docs/sweeps.md) beside the runs': sweep.json, sweep.csv, sweep.html.
            do {
                let report = try SweepReportBuilder(store: store).build(sweepID: id, utilisation: utilisation)
                for file in try ReportWriter(store: store).writeSweep(report, to: out + "/sweep-\(id)") {
                    print("report: \(file)")
                }
            } catch {
                throw CLIError("sweep \(id) is stored but its report could not be written: \(error) "
                               + "(retry with `ecobench report --sweep \(id) --out DIR`)")
            }
        }
        if outcome.interrupted { throw ExitCode(130) }
        if let failure = outcome.failure { throw CLIError("sweep stopped: \(failure)") }
    }
}
