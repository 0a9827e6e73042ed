import EcobenchCore
import Foundation

/// Writes a run with known counters into a real SQLite store: node energy rising at given
/// powers per phase, node busy CPU and workload CPU rising at given rates. The expected
/// figures can then be computed by hand in the test.
public struct SyntheticRun {
    public struct Phase {
        public var name: PhaseName
        public var seconds: Double
        public var powerWatts: Double
        public var busyCPUPerSecond: Double
        public var workloadCPUPerSecond: Double
        public var functionalUnits: Double?

        public init(_ name: PhaseName, seconds: Double, powerWatts: Double, busyCPUPerSecond: Double,
                    workloadCPUPerSecond: Double, functionalUnits: Double? = nil) {
            self.name = name
            self.seconds = seconds
            self.powerWatts = powerWatts
            self.busyCPUPerSecond = busyCPUPerSecond
            self.workloadCPUPerSecond = workloadCPUPerSecond
            self.functionalUnits = functionalUnits
        }
    }

    public static let energySource = SourceDescriptor(
        name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter, scope: .node,
        path: "/fixture/intel-rapl:0", energyRole: .package)
    public static let sources: [SourceDescriptor] = [
        energySource,
        SourceDescriptor(name: "node.cpu.busy_seconds", kind: .measured, unit: "s", semantics: .counter,
                         scope: .node, path: "/fixture/proc/stat"),
        SourceDescriptor(name: "workload.cpu_seconds", kind: .measured, unit: "s", semantics: .counter,
                         scope: .workload, path: "/fixture/cgroup"),
    ]

    /// Creates the run (repetitions × phases) sampled every `intervalSeconds`; returns its id.
    public static func write(into store: RunStore, repetitions: [[Phase]], intervalSeconds: Double = 0.1,
                             functionalUnit: String = "request", hostname: String = "test",
                             fingerprint: String? = nil, host customHost: ReportHost? = nil,
                             energySourceRelativeUncertainty: Double? = nil,
                             energySource: SourceDescriptor = SyntheticRun.energySource,
                             totalCPUPerSecond: Double? = nil) throws -> Int64 {
        let settings = RunSettings(
            description: "synthetic", phaseDurations: PhaseDurations(baselineS: 1, idleS: 1, loadS: 1, cooldownS: 1),
            repetitions: repetitions.count, intervalS: intervalSeconds, idlePolicy: .none,
            carbon: GridIntensity.userSupplied(400), cpuTdpWatts: nil, sysfsRoot: "/fixture", procRoot: "/fixture",
            workloadTracking: "synthetic")
        var host = ReportHost(hostname: hostname, cpuModel: "Synthetic CPU", logicalCpus: 2, sockets: 1,
                              memoryBytes: 1 << 30, kernel: "6.1", os: "Debian")
        host.fingerprint = fingerprint
        if let customHost { host = customHost }
        let id = try store.createRun(NewRun(
            workload: "synthetic", workloadFile: "synthetic.yaml", workloadYAML: "", functionalUnit: functionalUnit,
            startedAt: "2026-01-01T00:00:00Z", clockStartUnixNanoseconds: 0,
            intervalNanoseconds: Int64(intervalSeconds * 1e9),
            settingsJSON: try ReportCoding.encodeString(settings), hostJSON: try ReportCoding.encodeString(host),
            pid: getpid(), ecobenchVersion: "test"))
        var described = sources
        // With `totalCPUPerSecond`, /proc/stat's all-CPU counter too (e.g. 2 for 2 logical CPUs never stolen).
        if totalCPUPerSecond != nil {
            described.append(SourceDescriptor(name: "node.cpu.total_seconds", kind: .measured, unit: "s", semantics: .counter,
                                              scope: .node, path: "/fixture/proc/stat"))
        }
        described[0] = energySource
        if let energySourceRelativeUncertainty { described[0].relativeUncertainty = energySourceRelativeUncertainty }
        let ids = try store.registerSources(runID: id, described)
        var batch = SampleBatch(sourceIDs: ids)
        var t = 0.0
        var counters = [Double](repeating: 0, count: described.count)
        let step = intervalSeconds
        func sample() {
            counters.withUnsafeBufferPointer { batch.append(timeNanoseconds: Int64((t * 1e9).rounded()), values: $0) }
        }
        sample()
        for (r, phases) in repetitions.enumerated() {
            for phase in phases {
                let start = t
                let phaseID = try store.beginPhase(runID: id, repetition: r + 1, name: phase.name,
                                                   startNanoseconds: Int64((start * 1e9).rounded()))
                let ticks = Int((phase.seconds / step).rounded())
                for _ in 0..<ticks {
                    t += step
                    counters[0] += phase.powerWatts * step
                    counters[1] += phase.busyCPUPerSecond * step
                    counters[2] += phase.workloadCPUPerSecond * step
                    if let totalCPUPerSecond { counters[3] += totalCPUPerSecond * step }
                    sample()
                }
                try store.endPhase(id: phaseID, endNanoseconds: Int64((t * 1e9).rounded()),
                                   functionalUnits: phase.functionalUnits)
            }
        }
        try store.insert(batch)
        try store.finishRun(id: id, status: .completed, endedAt: "2026-01-01T00:01:00Z", error: nil)
        return id
    }
}

/// A fresh temporary directory, removed by the caller with `remove()`.
public struct TemporaryDirectory {
    public let path: String

    public init(_ prefix: String = "ecobench-test") throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        path = base.path
    }

    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
