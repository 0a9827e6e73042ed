import EcobenchCollect
import EcobenchCheck
import EcobenchStore
import EcobenchAttribute
import EcobenchCluster
import EcobenchReport

/// Everything `ecobench run` needs besides the workload file.
public struct RunConfiguration: Sendable {
    public var spec: WorkloadSpec
    /// The workload file's text, stored with the run.
    public var workloadYAML: String
    public var intervalNanoseconds: Int64
    /// What to read: roots, meters, the estimate's model.
    public var sources: SourceOptions
    public var cgroupRoot: String
    public var carbon: GridIntensity
    public var idlePolicy: IdlePolicy
    /// SCI and impact inputs stored with the run.
    public var impact: ImpactSettings
    /// Where report files and each run's scratch directory (`run-<id>/`) go.
    public var outputDirectory: String
    /// How long a service may take to stop after SIGTERM before SIGKILL.
    public var stopGraceSeconds: Double
    /// Pre-flight checks made before the run (or the record that they were skipped), stored with it.
    public var preflightChecks: [ReportCheck] = []
    /// Node agents of a multi-node run (`agents:` and `--agent`), tokens resolved.
    public var agents: [AgentEndpoint] = []
    /// How long one agent request may take.
    public var agentTimeoutSeconds: Double = 5
    /// Other nodes' energy from a Prometheus (`--prometheus-url`), read after the run.
    public var prometheus: LocalRunPrometheus?

    public init(spec: WorkloadSpec, workloadYAML: String, intervalNanoseconds: Int64 = 100_000_000,
                sources: SourceOptions = SourceOptions(), cgroupRoot: String = "/sys/fs/cgroup",
                carbon: GridIntensity, idlePolicy: IdlePolicy = .none, impact: ImpactSettings = ImpactSettings(),
                outputDirectory: String, stopGraceSeconds: Double = 5) {
        self.spec = spec
        self.workloadYAML = workloadYAML
        self.intervalNanoseconds = intervalNanoseconds
        self.sources = sources
        self.cgroupRoot = cgroupRoot
        self.carbon = carbon
        self.idlePolicy = idlePolicy
        self.impact = impact
        self.outputDirectory = outputDirectory
        self.stopGraceSeconds = stopGraceSeconds
    }
}

/// How a run ended and where its report went.
public struct RunOutcome: Sendable {
    public var runID: Int64?
    public var status: RunStatus
    public var error: String?
    public var reportFiles: [String]
    public var report: Report?
    /// Why the report could not be written (the run itself is stored; `ecobench report` retries).
    public var reportError: String?

    package init(runID: Int64? = nil, status: RunStatus, error: String? = nil, reportFiles: [String],
                 report: Report? = nil, reportError: String? = nil) {
        self.runID = runID
        self.status = status
        self.error = error
        self.reportFiles = reportFiles
        self.report = report
        self.reportError = reportError
    }
}
