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
    package var runID: Int64?
    package var runDirectory = ""
    package var service: LaunchedProcess?
    package var completedRepetitions = 0
    package var notes: [String] = []
    /// The HTTP client of a multi-node run's agents (WorkloadRunner+Agents.swift).
    package var agentHTTP: BlockingHTTPClient?
    /// The agents of a multi-node run, clocks aligned at the start.
    package var agentNodes: [AgentNode] = []
    /// Repetitions whose agent samples are already stored (pulled after each cooldown).
    package var agentPulledRepetitions: Set<Int> = []
    /// The run's wall-clock origin (unix ns), from which phase windows are built.
    package var clockStartUnix: Int64 = 0
    /// `--prometheus-url`'s clock, measured before the run (WorkloadRunner+Prometheus.swift).
    package var prometheusStartAlignment: ClockAlignment?

    public init(config: RunConfiguration, store: RunStore, stop: StopSignal, progress: ProgressReporter) {
        self.config = config
        self.store = store
        self.stop = stop
        self.progress = progress
    }

    package var spec: WorkloadSpec { config.spec }

    /// The output directory as an absolute path: `{run_dir}` is handed to commands that may
    /// run in another working directory.
    package var outputDirectory: String {
        let dir = config.outputDirectory
        if dir.hasPrefix("/") { return dir }
        return FileManager.default.currentDirectoryPath + "/" + dir
    }

    /// Runs the workload. Failures of the workload are returned in the outcome, not thrown;
    /// only a database that cannot be written at the start throws.
    public func run() throws -> RunOutcome {
        _ = ProcessLauncher.becomeSubreaper()
        agentNodes = try alignAgentsAtStart()
        defer { agentHTTP?.shutdown() }
        try alignPrometheusAtStart()
        let discovery = try SourceDiscovery.probes(options: config.sources.withShortestPhase(of: config.spec.phases),
                                                   workload: target)
        notes += discovery.notes
        let created = try WorkloadCgroup.createReportingReason(
            name: "ecobench-\(getpid())-\(MonotonicClock.nowNanoseconds())", cgroupRoot: config.cgroupRoot)
        cgroup = created.cgroup
        if let reason = created.reason, cgroup == nil {
            notes.append("workload followed by process tree, no cgroup: \(reason)")
        }
        target.setCgroup(cgroup)

        // The run's clock: monotonic origin and the wall time at that same moment, so samples
        // can be aligned with outside series (a BMC's log, grid intensity) later.
        let origin = MonotonicClock.nowNanoseconds()
        clockOrigin = origin
        clockStartUnix = MonotonicClock.unixNanoseconds()
        let id = try createRun(channels: discovery.probes.flatMap(\.channels), unixNanoseconds: clockStartUnix)
        runID = id
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
        return try finish(runID: id, failure: failure)
    }

    package var clockOrigin: Int64 = 0

    /// Nanoseconds since the run's clock origin.
    package func now() -> Int64 { MonotonicClock.nowNanoseconds() - clockOrigin }

    package func createRun(channels: [SourceDescriptor], unixNanoseconds: Int64) throws -> Int64 {
        let (host, hostNotes) = ReportHost.read(procRoot: config.sources.procRoot, sysfsRoot: config.sources.sysfsRoot)
        notes += hostNotes
        let settings = RunSettings(
            description: spec.description,
            phaseDurations: PhaseDurations(baselineS: spec.phases.baselineSeconds, idleS: spec.phases.idleSeconds,
                                           loadS: spec.phases.loadSeconds, cooldownS: spec.phases.cooldownSeconds),
            repetitions: spec.repetitions, intervalS: Double(config.intervalNanoseconds) / 1e9,
            idlePolicy: config.idlePolicy, carbon: config.carbon, cpuTdpWatts: config.sources.cpuTDPWatts,
            sysfsRoot: config.sources.sysfsRoot, procRoot: config.sources.procRoot,
            workloadTracking: cgroup.map { "cgroup \($0.version.rawValue) \($0.path)" } ?? "process tree",
            impact: config.impact)
        let id = try store.createRun(NewRun(
            workload: spec.name, workloadFile: spec.file, workloadYAML: config.workloadYAML,
            functionalUnit: spec.functionalUnit, startedAt: RunClock.iso8601Now(),
            clockStartUnixNanoseconds: unixNanoseconds,
            intervalNanoseconds: config.intervalNanoseconds,
            settingsJSON: try ReportCoding.encodeString(settings), hostJSON: try ReportCoding.encodeString(host),
            pid: getpid(), ecobenchVersion: EcobenchVersion.current))
        runDirectory = outputDirectory + "/run-\(id)/work"
        try? FileManager.default.createDirectory(atPath: runDirectory, withIntermediateDirectories: true)
        return id
    }
}

package enum RunClock {
    package static func iso8601Now() -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date())
    }
}
