import ArgumentParser
import EcobenchCore
import Foundation

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure a workload through its phases and repetitions, then write its report.")

    @Argument(help: "Workload file (YAML), e.g. Workloads/cpu-stress.yaml.")
    var workload: String

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var collector: CollectorOptions
    @OptionGroup var meters: MeterOptions
    @OptionGroup var carbon: CarbonOptions
    @OptionGroup var impact: ImpactOptions
    @OptionGroup var prometheus: PrometheusOptions
    @OptionGroup var kubernetesTarget: KubernetesOptions

    @Option(help: "Repetitions (overrides the workload file).") var repetitions: Int?
    @Option(help: "Baseline phase, seconds.") var baseline: Double?
    @Option(help: "Idle phase, seconds.") var idle: Double?
    @Option(help: "Load phase, seconds.") var load: Double?
    @Option(help: "Cooldown phase, seconds.") var cooldown: Double?

    @Option(help: "Sampling interval in milliseconds.") var interval: Double = 100

    @Option(help: "Directory for reports (run-<id>/report.json, CSV tables, workload output).")
    var out: String = "ecobench-reports"

    @Flag(help: "No progress output.") var quiet = false

    @Flag(help: "Skip the pre-flight checks (recorded in the report as skipped); same as --checks off.")
    var noChecks = false

    @Option(help: "Pre-flight checks: enforce (a fail stops the run), warn-only, or off. Default: $ECOBENCH_CHECKS, else enforce.")
    var checks: String?

    @Option(help: "Seconds the pre-flight checks sample the machine.") var checkSeconds: Double = 1

    @Option(help: "A node agent to read energy from, NAME=URL (repeatable; added to the workload's agents:).")
    var agent: [String] = []

    @Option(help: "File whose first line is the agents' bearer token (else $ECOBENCH_AGENT_TOKEN).")
    var agentTokenFile: String?

    @Option(name: .customLong("prometheus-settle"),
            help: "Local runs with --prometheus-url: at most this many seconds after the last phase to wait until every target was scraped past its end (default 30: two 15 s scrapes).")
    var prometheusSettle: Double?

    var checkMode: CheckMode {
        if noChecks { return .off }
        let chosen = checks ?? ProcessInfo.processInfo.environment["ECOBENCH_CHECKS"] ?? CheckMode.enforce.rawValue
        return CheckMode(rawValue: chosen) ?? .enforce
    }

    func validate() throws {
        if let prometheusSettle {
            guard !kubernetesTarget.isKubernetes else {
                throw ValidationError("--prometheus-settle applies to local runs; --target kubernetes reads Prometheus "
                                      + "window by window")
            }
            guard prometheus.url != nil else { throw ValidationError("--prometheus-settle needs --prometheus-url") }
            guard prometheusSettle >= 0 && prometheusSettle <= 600 else {
                throw ValidationError("--prometheus-settle must be between 0 and 600 s, got \(prometheusSettle)")
            }
        }
        guard interval >= 1 && interval <= 60_000 else {
            throw ValidationError("--interval must be between 1 and 60000 ms, got \(interval)")
        }
        let chosen = checks ?? ProcessInfo.processInfo.environment["ECOBENCH_CHECKS"]
        if let chosen, CheckMode(rawValue: chosen) == nil {
            throw ValidationError("--checks (or $ECOBENCH_CHECKS) must be one of "
                                  + CheckMode.allCases.map(\.rawValue).joined(separator: ", ") + ", got \(chosen)")
        }
        guard checkSeconds > 0 && checkSeconds <= 60 else {
            throw ValidationError("--check-seconds must be more than 0 and at most 60, got \(checkSeconds)")
        }
    }

    func run() throws {
        let spec: WorkloadSpec
        let yaml: String  // the text the spec was parsed from, stored with the run
        do {
            let overrides = WorkloadOverrides(repetitions: repetitions, baselineSeconds: baseline, idleSeconds: idle,
                                              loadSeconds: load, cooldownSeconds: cooldown)
            let parsed = try WorkloadParser.parseKeepingText(fileAtPath: workload)
            (spec, yaml) = (try parsed.spec.applying(overrides: overrides), parsed.yaml)
            if !kubernetesTarget.isKubernetes {
                try spec.validateEnvironment(path: ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
            }
        } catch {
            throw CLIError(error.description)
        }
        if kubernetesTarget.isKubernetes, let problem = spec.kubernetes?.pathProblems.first { throw CLIError(problem) }
        if kubernetesTarget.isKubernetes, let problem = spec.kubernetesUnsupported { throw CLIError(problem.description) }
        try impact.checkGridSeriesCoversNow()
        let agents: [AgentEndpoint]
        do {
            agents = try AgentEndpointResolver.resolve(workloadAgents: spec.agents, options: agent,
                                                       tokenFile: agentTokenFile,
                                                       environment: ProcessInfo.processInfo.environment)
        } catch { throw CLIError(error.description) }
        if kubernetesTarget.isKubernetes {
            let sources = try clusterSources(agents: agents)
            return try runOnKubernetes(spec: spec, yaml: yaml,
                                       energySources: sources.energy, podCPUSources: sources.podCPU,
                                       hypervisorVMEnergy: sources.hypervisorVMs)
        }
        let preflight = try PreflightGate.beforeRun(
            mode: checkMode, procRoot: collector.procRoot, sysfsRoot: collector.sysfsRoot, seconds: checkSeconds,
            databasePath: database.resolvedPath, notable: PreflightPrinter.notable(quiet: quiet))
        let store = try database.open()
        try AbandonedRunRecovery.recover(store: store)
        let stop = StopSignal()
        stop.install()
        let progress = ProgressReporter(mode: .automatic(quiet: quiet))
        var config = RunConfiguration(
            spec: spec, workloadYAML: yaml, intervalNanoseconds: Int64(interval * 1e6),
            sources: try sourceOptions(), carbon: carbon.resolved,
            idlePolicy: impact.parsedIdlePolicy ?? .none, impact: try impact.settings(), outputDirectory: out)
        config.preflightChecks = preflight
        config.agents = agents
        do {
            if let client = try prometheus.client() {
                config.prometheus = LocalRunPrometheus(
                    energy: try prometheus.energySource(client), cpu: prometheus.podCPUSource(client),
                    settleSeconds: prometheusSettle ?? LocalRunPrometheus.defaultSettleSeconds)
            }
        } catch { throw CLIError("\(error)") }
        let outcome: RunOutcome
        do { outcome = try WorkloadRunner(config: config, store: store, stop: stop, progress: progress).run() }
        catch let error as AgentClientError { throw CLIError(error.description) }
        catch let error as PrometheusError { throw CLIError(error.description) }
        RunSummaryPrinter.print(outcome, database: store.path, quiet: quiet)
        if outcome.status == .failed, let error = outcome.error {
            throw CLIError(error + (outcome.reportError.map { " (report not written: \($0))" } ?? ""))
        }
        if let reportError = outcome.reportError, let id = outcome.runID {
            throw CLIError("run \(id) is stored but its report could not be written: \(reportError) "
                           + "(retry with `ecobench report \(id)`)")
        }
        switch outcome.status {
        case .completed: return
        case .interrupted: throw ExitCode(130)
        case .failed, .running: throw CLIError(outcome.error ?? "run failed")
        }
    }

    func sourceOptions() throws -> SourceOptions {
        var options = collector.sourceOptions
        try meters.apply(to: &options)
        return options
    }
}
