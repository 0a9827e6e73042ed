import Foundation
import EcobenchModel
import EcobenchCollect
import EcobenchStore
import EcobenchCluster
import EcobenchReport
import EcobenchRun

/// Drives a workload on a Kubernetes cluster: per repetition a baseline (nothing deployed), a
/// fresh namespace with the workload's manifests (deploy and readiness are not a phase), idle,
/// the load Job, cooldown, then the namespace is deleted and awaited, also after a failure or a
/// signal. Phases, functional units and the cluster go into the run store as for local runs.
public final class KubernetesRunner {
    /// Its node energy and pod CPU sources hold the agents' clock alignments, measured again during the run.
    package var config: KubernetesRunConfiguration
    package let store: RunStore
    package let stop: StopSignal
    package let progress: ProgressReporter
    package let client: KubernetesClient
    /// The run's record, clock, repetitions, phases and finish (this runner is its target).
    package let driver: RunDriver
    package var section: ReportKubernetes
    /// Phase windows already ended, for the energy sources.
    package var windows: [(window: ClusterWindow, startNanoseconds: Int64, endNanoseconds: Int64)] = []
    /// Every pod listed in each repetition's namespace, by repetition (for pod attribution).
    package var podsSeen: [Int: [KubernetesPodInfo]] = [:]
    /// The load Job's name: its pods are the load generator, not the application.
    package var loadJobName: String?

    public init(config: KubernetesRunConfiguration, store: RunStore, stop: StopSignal, progress: ProgressReporter) {
        self.config = config
        self.store = store
        self.stop = stop
        self.progress = progress
        client = KubernetesClient(endpoint: config.endpoint, timeoutSeconds: config.requestTimeoutSeconds)
        section = ReportKubernetes(server: config.endpoint.server, context: config.endpoint.contextName, version: nil,
                                   tlsVerified: config.endpoint.tls.verifyPeer, nodes: [])
        driver = RunDriver(spec: config.spec, outputDirectory: config.outputDirectory, store: store, stop: stop,
                           progress: progress)
        driver.target = self
    }

    package var spec: WorkloadSpec { config.spec }
    package var outputDirectory: String { driver.outputDirectory }
    package var runID: Int64? { driver.runID }
    package var clockStartUnixNanoseconds: Int64 { driver.clockStartUnixNanoseconds }
    package var completedRepetitions: Int { driver.completedRepetitions }
    package var notes: [String] {
        get { driver.notes }
        set { driver.notes = newValue }
    }

    /// Nanoseconds since the run's clock origin.
    package func now() -> Int64 { driver.now() }

    /// Runs the workload. Problems found before the run is stored (no `kubernetes:` section,
    /// bad manifests, an unreachable cluster, rejected credentials) are thrown; later failures
    /// are returned in the outcome after the namespace was deleted.
    public func run() throws -> RunOutcome {
        guard let kubernetes = spec.kubernetes else {
            throw KubernetesError.manifest(file: spec.file, object: nil,
                                           message: "has no 'kubernetes:' section (manifests and load_job) to run it on a cluster")
        }
        if let problem = kubernetes.pathProblems.first {
            throw KubernetesError.manifest(file: spec.file, object: nil, message: problem)
        }
        if let problem = spec.kubernetesUnsupported {
            throw KubernetesError.manifest(file: spec.file, object: nil, message: problem.description)
        }
        let manifests = try KubernetesManifest.loadDirectory(kubernetes.manifestsDirectory)
        let job = try loadJobManifest(kubernetes)
        loadJobName = job.name
        defer { client.shutdown() }
        let cluster = try KubernetesClusterInfo.read(client: client)
        section.version = cluster.version
        section.nodes = cluster.nodes
        section.notes = cluster.notes
        addHypervisorSource(nodes: cluster.nodes)
        section.nodeEnergySources = config.energySources.map(\.label)
        section.nodeEnergyMeasured = !config.energySources.isEmpty
        if config.energySources.isEmpty {
            section.notes.append("node energy is NOT measured for the cluster: no node energy source "
                                 + "(ecobench agents or Prometheus) was given")
        }
        driver.startClock()
        _ = try createRun()
        var failure: RunError?
        do {
            try driver.repeatWorkload { (repetition: Int) throws(RunError) in
                try runRepetition(repetition, manifests: manifests, job: job, timeouts: kubernetes)
            }
        } catch {
            failure = error
        }
        progress.finish()
        return try finish(failure: failure)
    }

    package func loadJobManifest(_ kubernetes: WorkloadSpec.Kubernetes) throws -> KubernetesManifest {
        let values = spec.placeholderValues(runDirectory: outputDirectory)
        let documents = try KubernetesManifest.loadFile(kubernetes.loadJobFile, substitutions: values)
        guard documents.count == 1, let job = documents.first, job.kind.kind == "Job" else {
            throw KubernetesError.manifest(file: kubernetes.loadJobFile, object: nil,
                                           message: "must hold exactly one batch/v1 Job (the load generator)")
        }
        return job
    }

    package func createRun() throws -> Int64 {
        let (host, hostNotes) = ReportHost.read(procRoot: config.procRoot, sysfsRoot: config.sysfsRoot)
        notes += hostNotes
        notes.append("host is the controller that drove the run (\(host.hostname)); the workload ran on the "
                     + "Kubernetes cluster \(config.endpoint.server) (see kubernetes.nodes)")
        // `interval_s` of a cluster run is the poll interval: node energy arrives per phase window.
        let settings = RunSettings(
            description: spec.description, phaseDurations: spec.phases.durations,
            repetitions: spec.repetitions, intervalS: config.pollSeconds, idlePolicy: config.idlePolicy, carbon: config.carbon,
            cpuTdpWatts: nil, sysfsRoot: config.sysfsRoot, procRoot: config.procRoot,
            workloadTracking: "kubernetes namespace \(config.namespacePrefix)-<run>-r<repetition> on \(config.endpoint.server)",
            impact: config.impact)
        let id = try driver.createRun(settings: settings, host: host, intervalNanoseconds: Int64(config.pollSeconds * 1e9),
                                      workloadYAML: config.workloadYAML)
        return id
    }
}

extension KubernetesRunner: RunTarget {
    public func boundaryNanoseconds() -> Int64 { now() }

    /// Once a phase ended, asks the node energy sources about its window.
    public func phaseEnded(_ name: PhaseName, repetition: Int, startNanoseconds: Int64, endNanoseconds: Int64) {
        collectEnergy(ClusterWindow(phase: name.rawValue, repetition: repetition,
                                    startUnixNanoseconds: clockStartUnixNanoseconds + startNanoseconds,
                                    endUnixNanoseconds: clockStartUnixNanoseconds + endNanoseconds),
                      startNanoseconds: startNanoseconds, endNanoseconds: endNanoseconds)
    }
}
