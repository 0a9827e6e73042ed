import EcobenchModel
import EcobenchCollect

/// Run status as stored; `interrupted` means the run stopped before its last phase ended
/// (signal, crash, kill) and holds what it measured until then.
public enum RunStatus: String, Codable, Sendable {
    case running, completed, failed, interrupted
}

/// What a new run records before it starts sampling.
public struct NewRun: Sendable {
    public var workload: String
    public var workloadFile: String
    public var workloadYAML: String
    public var functionalUnit: String
    public var startedAt: String
    public var clockStartUnixNanoseconds: Int64
    public var intervalNanoseconds: Int64
    public var settingsJSON: String
    public var hostJSON: String
    public var pid: Int32
    public var ecobenchVersion: String

    public init(workload: String, workloadFile: String, workloadYAML: String, functionalUnit: String,
                startedAt: String, clockStartUnixNanoseconds: Int64, intervalNanoseconds: Int64,
                settingsJSON: String, hostJSON: String, pid: Int32, ecobenchVersion: String) {
        self.workload = workload
        self.workloadFile = workloadFile
        self.workloadYAML = workloadYAML
        self.functionalUnit = functionalUnit
        self.startedAt = startedAt
        self.clockStartUnixNanoseconds = clockStartUnixNanoseconds
        self.intervalNanoseconds = intervalNanoseconds
        self.settingsJSON = settingsJSON
        self.hostJSON = hostJSON
        self.pid = pid
        self.ecobenchVersion = ecobenchVersion
    }
}

/// A run as stored.
public struct RunRecord: Sendable {
    public var id: Int64
    public var run: NewRun
    public var status: RunStatus
    public var endedAt: String?
    public var notesJSON: String
    public var error: String?
}

/// A phase of a repetition; times are nanoseconds of the monotonic clock since the run's start.
public struct PhaseRecord: Sendable, Equatable {
    public var id: Int64
    public var repetition: Int
    public var name: PhaseName
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64?
    public var functionalUnits: Double?

    public var durationSeconds: Double? {
        endNanoseconds.map { Double($0 - startNanoseconds) / 1e9 }
    }
}

/// A channel registered for a run, with its database id.
public struct StoredSource: Sendable {
    public var id: Int64
    public var descriptor: SourceDescriptor
}

/// One computed figure kept in the `results` table.
public struct ResultRow: Sendable, Equatable {
    public var repetition: Int
    public var phase: String
    public var subject: String
    public var metric: String
    public var value: Double

    public init(repetition: Int, phase: String, subject: String, metric: String, value: Double) {
        self.repetition = repetition
        self.phase = phase
        self.subject = subject
        self.metric = metric
        self.value = value
    }
}
