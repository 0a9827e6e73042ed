import Foundation
import EcobenchModel
import EcobenchNet
import EcobenchCollect
import EcobenchStore
import EcobenchCluster
import EcobenchReport

/// Drives a workload through its repetitions and phases (baseline, idle, load, cooldown)
/// while the sampler records, then tears everything down, whatever happened.
public final class WorkloadRunner {
    package let config: RunConfiguration
    package let store: RunStore
    package let stop: StopSignal
    package let progress: ProgressReporter
    package let target = WorkloadTarget()
    package var cgroup: WorkloadCgroup?
    package var sampler: Sampler?
    /// The run's record, clock, repetitions, phases and finish (this runner is its target).
    package let driver: RunDriver
    /// The commands' working directory, `run-<id>/work` in the output directory.
    package var runDirectory = ""
    package var service: LaunchedProcess?
    /// The services of `services:` now running, by name (WorkloadRunner+Consumers.swift).
    package var serviceProcesses: [(name: String, process: LaunchedProcess)] = []
    /// The services of `services:` and the load generator, each measured apart.
    package var consumers: [RunConsumer] = []
    /// The HTTP client of a multi-node run's agents (WorkloadRunner+Agents.swift).
    package var agentHTTP: BlockingHTTPClient?
    /// The agents of a multi-node run, clocks aligned at the start.
    package var agentNodes: [AgentNode] = []
    /// Repetitions whose agent samples are already stored (pulled after each cooldown).
    package var agentPulledRepetitions: Set<Int> = []
    /// `--prometheus-url`'s clock, measured before the run (WorkloadRunner+Prometheus.swift).
    package var prometheusStartAlignment: ClockAlignment?

    public init(config: RunConfiguration, store: RunStore, stop: StopSignal, progress: ProgressReporter) {
        self.config = config
        self.store = store
        self.stop = stop
        self.progress = progress
        driver = RunDriver(spec: config.spec, outputDirectory: config.outputDirectory, store: store, stop: stop,
                           progress: progress)
        driver.target = self
    }

    package var spec: WorkloadSpec { config.spec }
    package var outputDirectory: String { driver.outputDirectory }
    package var runID: Int64? { driver.runID }
    package var completedRepetitions: Int { driver.completedRepetitions }
    package var notes: [String] {
        get { driver.notes }
        set { driver.notes = newValue }
    }
    /// The run's wall-clock origin (unix ns), from which phase windows are built.
    package var clockStartUnix: Int64 { driver.clockStartUnixNanoseconds }

    /// Runs the workload. Failures of the workload are returned in the outcome, not thrown;
    /// only a database that cannot be written at the start throws.
    public func run() throws -> RunOutcome {
        _ = ProcessLauncher.becomeSubreaper()
        agentNodes = try alignAgentsAtStart()
        defer { agentHTTP?.shutdown() }
        try alignPrometheusAtStart()
        let consumerTargets = try createConsumers()
        let discovery = try SourceDiscovery.probes(options: config.sources.withShortestPhase(of: config.spec.phases),
                                                   workload: target, consumers: consumerTargets)
        notes += discovery.notes
        let created = try WorkloadCgroup.createReportingReason(
            name: "ecobench-\(getpid())-\(MonotonicClock.nowNanoseconds())", cgroupRoot: config.cgroupRoot)
        cgroup = created.cgroup
        if let reason = created.reason, cgroup == nil {
            notes.append("workload followed by process tree, no cgroup: \(reason)")
        }
        target.setCgroup(cgroup)

        driver.startClock()
        let origin = driver.clockOrigin
        let id = try createRun()
        let ids = try store.registerSources(runID: id, discovery.probes.flatMap(\.channels))
        try store.insertChecks(runID: id, config.preflightChecks)
        let sampler = Sampler(probes: discovery.probes, sourceIDs: ids, sink: store,
                              intervalNanoseconds: config.intervalNanoseconds, originNanoseconds: origin,
                              realtimePriority: config.intervalNanoseconds <= 10_000_000)  // ≥ 100 Hz: SCHED_FIFO
        self.sampler = sampler
        progress.watchPower(channels: sampler.channels)
        sampler.start()

        var failure: RunError?
        do {
            try runSteps()
        } catch {
            failure = error
        }
        tearDown()
        sampler.stop()
        let overhead = RunOverhead.measure(sampler, wallSeconds: Double(now()) / 1e9)
        do { try store.setOverhead(runID: id, overhead) } catch { notes.append("overhead not stored: \(error)") }
        progress.finish()
        // Polled meters' gaps, and why tick channels had no reading (joined to their NaN stretches in the report).
        let gaps = (sampler.polledGaps() + sampler.channelGaps()).map {
            SourceGap(source: $0.channel, startNanoseconds: $0.startNanoseconds, endNanoseconds: $0.endNanoseconds,
                      reason: $0.reason)
        }
        do { try store.insertGaps(runID: id, gaps) } catch { notes.append("gaps not stored: \(error)") }
        notes += sampler.problems().map { "sampler: \($0)" }
        collectAgents(runID: id)
        collectPrometheus(runID: id)
        return try driver.finish(failure: failure)
    }

    /// Nanoseconds since the run's clock origin.
    package func now() -> Int64 { driver.now() }

    package func createRun() throws -> Int64 {
        let (host, hostNotes) = ReportHost.read(procRoot: config.sources.procRoot, sysfsRoot: config.sources.sysfsRoot)
        notes += hostNotes
        let settings = RunSettings(
            description: spec.description, phaseDurations: spec.phases.durations,
            repetitions: spec.repetitions, intervalS: Double(config.intervalNanoseconds) / 1e9,
            idlePolicy: config.idlePolicy, carbon: config.carbon, cpuTdpWatts: config.sources.cpuTDPWatts,
            sysfsRoot: config.sources.sysfsRoot, procRoot: config.sources.procRoot,
            workloadTracking: cgroup.map { "cgroup \($0.version.rawValue) \($0.path)" } ?? "process tree",
            impact: config.impact)
        let id = try driver.createRun(settings: settings, host: host, intervalNanoseconds: config.intervalNanoseconds,
                                      workloadYAML: config.workloadYAML, subdirectory: "work")
        runDirectory = driver.runDirectory(id) + "/work"
        return id
    }
}

extension WorkloadRunner: RunTarget {
    /// A sample of every channel taken at the boundary itself, so no counter is interpolated there.
    public func boundaryNanoseconds() -> Int64 {
        sampler?.tickNow()?.timeNanoseconds ?? now()
    }

    /// Fails the run for a sampler that cannot store or a service that ended; keeps the progress line fresh.
    public func checkHealth() throws(RunError) {
        if let sampler {
            progress.update(sample: sampler.latest())
            if sampler.writeFailed { throw .storage(sampler.problems().last { $0.hasPrefix("store:") } ?? "write failed") }
        }
        if let service, let ended = service.poll(), let command = spec.service {
            throw command.location.runFailure("the service ended early (\(ended.description)); its output is in "
                                              + service.stderrPath)
        }
        try checkServices()
    }
}
