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
/// With a cgroup, CPU time comes from the cgroup's `cpu.stat` every tick (exact); the member
/// list (`cgroup.procs`, ~50 µs for 200 pids) is re-read every `membersIntervalNanoseconds`
/// and as soon as `cgroup.events` says the cgroup emptied,
/// and each member's stat and io (io bytes, RSS; ~11 µs per process in the kernel, 2.2 ms for
/// 200) every `processDetailIntervalNanoseconds`; both at every phase boundary too, so phase
/// deltas stay exact. Without a cgroup the process tree is read every tick (its CPU time).
///
/// With a `GPUProcessReader` (NVML on a GPU that offers per-process utilisation), each GPU's
/// per-process SM utilisation and memory are read at the same detail cadence and kept for the
/// tracked processes by `WorkloadGPUAccount`, whose channels follow the five above.
///
/// A service of a multi-service workload and the load generator get a probe of their own with
/// `channelPrefix` `service.<name>` or `load_generator` (`ConsumerChannels`), same channels.
///
/// Confined to the sampler thread (it owns the tracker): `@unchecked Sendable`.
public final class WorkloadProbe: BoundaryAwareProbe, ChannelFailureReporting, @unchecked Sendable {
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
    /// The cgroup's members, re-read each tick into the same storage.
    private var members: [Int32] = []
    public let processDetailIntervalNanoseconds: Int64
    public let membersIntervalNanoseconds: Int64
    private var nextDetailNanoseconds: Int64 = .min
    private var nextMembersNanoseconds: Int64 = .min
    private let gpuAccount: WorkloadGPUAccount?
    private var nextGPUNanoseconds: Int64 = .min

    public init(target: WorkloadTarget, procRoot: String = "/proc", rescanEveryTicks: Int = 10,
                processDetailIntervalNanoseconds: Int64 = 5_000_000_000,
                membersIntervalNanoseconds: Int64 = 1_000_000_000, gpuReader: (any GPUProcessReader)? = nil,
                channelPrefix: String = "workload") {
        self.target = target
        self.processDetailIntervalNanoseconds = processDetailIntervalNanoseconds
        self.membersIntervalNanoseconds = membersIntervalNanoseconds
        self.tracker = ProcessTreeTracker(procRoot: procRoot, rescanEveryTicks: rescanEveryTicks)
        let units = ["s", "B", "B", "B", "count"]
        let semantics: [SampleSemantics] = [.counter, .counter, .counter, .gauge, .gauge]
        let paths = ["cgroup cpu.stat or \(procRoot)/PID/stat", "\(procRoot)/PID/io",
                     "\(procRoot)/PID/io", "\(procRoot)/PID/stat", "cgroup.procs or \(procRoot)"]
        let gpuAccount = gpuReader.map { WorkloadGPUAccount(reader: $0) }
        self.gpuAccount = gpuAccount
        channels = (0..<5).map {
            SourceDescriptor(name: channelPrefix + WorkloadProbe.channelNames[$0].dropFirst("workload".count), kind: .measured, unit: units[$0],
                             semantics: semantics[$0], scope: .workload, path: paths[$0])
        } + (gpuAccount?.channels ?? [])
    }

    /// Why the cgroup's CPU counter (channel 0) was NaN at its latest NaN reading.
    private var cpuFailure: ReadingFailure?

    public func failure(channel: Int) -> ReadingFailure? { channel == 0 ? cpuFailure : nil }

    public func prepareForBoundaryTick() {
        nextDetailNanoseconds = .min
        nextMembersNanoseconds = .min
        nextGPUNanoseconds = .min
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let snap = target.snapshot()
        var targetChanged = false
        if snap.generation != generation {
            targetChanged = true
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
            let now = MonotonicClock.nowNanoseconds()
            var changed = targetChanged
            // v1 has no cheap emptiness flag: its member list is read every tick.
            let emptied = members.isEmpty ? false : (cgroup.isPopulated().map { !$0 } ?? true)
            if targetChanged || emptied || now >= nextMembersNanoseconds {
                nextMembersNanoseconds = now + membersIntervalNanoseconds
                changed = cgroup.readPIDs(into: &members) || changed
            }
            let detail = now >= nextDetailNanoseconds
            if detail { nextDetailNanoseconds = now + processDetailIntervalNanoseconds }
            tracker.update(memberPIDs: members, membersChanged: changed, refreshProcesses: detail)
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
                cpuFailure = ReadingFailure.classify(error, path: cgroup.path)
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
        if let gpuAccount {
            let now = MonotonicClock.nowNanoseconds()
            if now >= nextGPUNanoseconds {
                nextGPUNanoseconds = now + processDetailIntervalNanoseconds
                gpuAccount.update(pids: tracker.trackedPIDs, nowNanoseconds: now)
            }
            gpuAccount.write(into: values, from: 5)
        }
    }
}
