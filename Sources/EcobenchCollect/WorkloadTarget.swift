import Foundation

/// What the workload probe follows: the runner sets it while sampling goes on.
///
/// Shared between the runner's and the sampler's threads; all state is behind `lock`,
/// hence `@unchecked Sendable`.
public final class WorkloadTarget: @unchecked Sendable {
    /// A consistent copy of the target's state.
    public struct Snapshot: Sendable {
        public var cgroup: WorkloadCgroup?
        public var rootPIDs: [Int32]
        /// Increases on every change, so a reader knows to rescan.
        public var generation: UInt64
    }

    private let lock = NSLock()
    private var cgroup: WorkloadCgroup?
    private var rootPIDs: [Int32] = []
    private var generation: UInt64 = 0

    public init() {}

    /// The cgroup the workload runs in (nil: follow the process tree of the root pids).
    public func setCgroup(_ cgroup: WorkloadCgroup?) {
        lock.lock(); defer { lock.unlock() }
        self.cgroup = cgroup
        generation &+= 1
    }

    /// A process the runner started; its descendants are followed too.
    public func addRootPID(_ pid: Int32) {
        lock.lock(); defer { lock.unlock() }
        if !rootPIDs.contains(pid) { rootPIDs.append(pid) }
        generation &+= 1
    }

    /// Nothing runs any more: stop following (the probe's counters stay where they are).
    public func clear() {
        lock.lock(); defer { lock.unlock() }
        cgroup = nil
        rootPIDs = []
        generation &+= 1
    }

    public func snapshot() -> Snapshot {
        lock.lock(); defer { lock.unlock() }
        return Snapshot(cgroup: cgroup, rootPIDs: rootPIDs, generation: generation)
    }
}
