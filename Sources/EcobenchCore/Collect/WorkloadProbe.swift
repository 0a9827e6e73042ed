/// The workload's own use of the machine, following a `WorkloadTarget` the runner updates
/// while sampling goes on.
///
/// Channels (scope workload, kind measured):
/// - `workload.cpu_seconds` (s, counter): from the cgroup when there is one (every process
///   that ever ran in it, even between ticks), else from the tracked process tree;
/// - `workload.io_read_bytes`, `workload.io_write_bytes` (B, counters): `/proc/PID/io` of
///   the tracked processes;
/// - `workload.rss_bytes` (B, gauge) and `workload.processes` (count, gauge).
/// Counters are cumulative over the whole run: when nothing runs they stay flat; a new
/// cgroup or root pid adds to them.
///
/// Confined to the sampler thread (it owns the tracker): `@unchecked Sendable`.
public final class WorkloadProbe: Probe, @unchecked Sendable {
    public static let channelNames = [
        "workload.cpu_seconds", "workload.io_read_bytes", "workload.io_write_bytes",
        "workload.rss_bytes", "workload.processes",
    ]

    public let channels: [SourceDescriptor]
    public let target: WorkloadTarget
    private let tracker: ProcessTreeTracker
    private var generation: UInt64 = .max
    private var currentCgroup: ObjectIdentifier?
    private var lastCgroupCPUSeconds: Double = 0
    private var lastTreeCPUSeconds: Double = 0
    private var cpuSeconds: Double = 0

    public init(target: WorkloadTarget, procRoot: String = "/proc", rescanEveryTicks: Int = 10) {
        self.target = target
        self.tracker = ProcessTreeTracker(procRoot: procRoot, rescanEveryTicks: rescanEveryTicks)
        let units = ["s", "B", "B", "B", "count"]
        let semantics: [SampleSemantics] = [.counter, .counter, .counter, .gauge, .gauge]
        let paths = ["cgroup cpu.stat or \(procRoot)/PID/stat", "\(procRoot)/PID/io",
                     "\(procRoot)/PID/io", "\(procRoot)/PID/stat", "cgroup.procs or \(procRoot)"]
        channels = (0..<5).map {
            SourceDescriptor(name: WorkloadProbe.channelNames[$0], kind: .measured, unit: units[$0],
                             semantics: semantics[$0], scope: .workload, path: paths[$0])
        }
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let snap = target.snapshot()
        if snap.generation != generation {
            generation = snap.generation
            let id = snap.cgroup.map { ObjectIdentifier($0) }
            if id != currentCgroup {
                currentCgroup = id
                lastCgroupCPUSeconds = 0  // a cgroup is created fresh for the workload
            }
            if snap.cgroup == nil && snap.rootPIDs.isEmpty {
                tracker.stopAll()
            } else {
                tracker.setRoots(snap.rootPIDs)
            }
        }
        if let cgroup = snap.cgroup {
            tracker.update(memberPIDs: cgroup.pids())
        } else if !snap.rootPIDs.isEmpty {
            tracker.update()
        }
        let treeCPU = tracker.cpuSeconds
        let treeDelta = max(0, treeCPU - lastTreeCPUSeconds)
        lastTreeCPUSeconds = treeCPU
        var cpuValid = true
        if let cgroup = snap.cgroup {
            do {
                let now = try cgroup.cpuSeconds()
                cpuSeconds += max(0, now - lastCgroupCPUSeconds)
                lastCgroupCPUSeconds = now
            } catch let error as CollectError where error.isGone {
                // Removed before the runner cleared the target: the workload is over.
            } catch {
                cpuValid = false
            }
        } else {
            cpuSeconds += treeDelta
        }
        values[0] = cpuValid ? cpuSeconds : .nan
        values[1] = Double(tracker.ioReadBytes)
        values[2] = Double(tracker.ioWriteBytes)
        values[3] = Double(tracker.rssBytes)
        values[4] = Double(tracker.processCount)
    }
}
