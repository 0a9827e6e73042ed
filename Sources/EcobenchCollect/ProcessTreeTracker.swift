import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Follows a set of processes (root pids and their descendants, or a cgroup's members)
/// and keeps cumulative CPU time and storage I/O of every process it has seen: a process
/// that exits keeps the last values read for it, so totals never go down.
///
/// Descendants are found by scanning `<procRoot>` for numeric directories and following
/// ppid chains; that scan is costly, so it runs only when needed: when the roots change,
/// when a known process vanished (its children may have been reparented or new ones
/// started), and every `rescanEveryTicks` ticks otherwise. Without a cgroup a child that
/// lives and dies between two scans is missed, and one that daemonises away from its
/// root is lost: the cgroup path has neither gap.
///
/// Confined to the sampler thread (open files, mutable state): `@unchecked Sendable`.
public final class ProcessTreeTracker: @unchecked Sendable {
    private struct Tracked {
        var startTimeTicks: Int64
        var stat: SysfsFile
        var io: SysfsFile?
        var cpuTicks: Int64 = 0
        var readBytes: Int64 = 0
        var writeBytes: Int64 = 0
        var rssBytes: Int64 = 0
    }

    public let procRoot: String
    public let rescanEveryTicks: Int
    private let pageSize: Int64
    private let ticksPerSecond: Double
    private var roots: [Int32] = []
    private var live: [Int32: Tracked] = [:]
    private var retiredCPUTicks: Int64 = 0
    private var retiredReadBytes: Int64 = 0
    private var retiredWriteBytes: Int64 = 0
    private var ticksSinceScan = 0
    private var needsScan = false
    /// Set when a member vanished: the next update re-diffs the member list even if unchanged.
    private var membersDirty = true
    /// Pids that ended this tick (reused, so a steady tick allocates nothing).
    private var gone: [Int32] = []

    /// Totals over every process seen (live and exited).
    public private(set) var cpuSeconds: Double = 0
    public private(set) var ioReadBytes: Int64 = 0
    public private(set) var ioWriteBytes: Int64 = 0
    /// Current resident memory of the live processes, and how many there are.
    public private(set) var rssBytes: Int64 = 0
    public private(set) var processCount: Int = 0
    /// How many `<procRoot>` scans have run (tests check that scans are rare).
    public private(set) var scanCount = 0

    public init(procRoot: String = "/proc", rescanEveryTicks: Int = 10,
                ticksPerSecond: Double = ProcStat.ticksPerSecond) {
        self.procRoot = procRoot
        self.rescanEveryTicks = max(1, rescanEveryTicks)
        self.ticksPerSecond = ticksPerSecond
        let size = sysconf(Int32(_SC_PAGESIZE))
        self.pageSize = size > 0 ? Int64(size) : 4096
    }

    /// Pids now followed.
    public var trackedPIDs: [Int32] { live.keys.sorted() }

    /// Follow these roots and their descendants from the next `update`.
    public func setRoots(_ pids: [Int32]) {
        if pids != roots {
            roots = pids
            needsScan = true
        }
    }

    /// Stop following everything; totals are kept.
    public func stopAll() {
        roots = []
        for pid in Array(live.keys) { retire(pid) }
        recomputeTotals()
    }

    /// One tick. With `memberPIDs` (a cgroup's `cgroup.procs`) no scan is needed: exactly
    /// those processes are followed, and the list is diffed only when `membersChanged` (or a
    /// member vanished). Without, the roots' process tree is followed.
    /// `refreshProcesses: false` (cgroup mode only) skips re-reading each member's stat and io
    /// this tick: their last values are kept (the cgroup gives CPU time every tick anyway).
    public func update(memberPIDs: [Int32]? = nil, membersChanged: Bool = true, refreshProcesses: Bool = true) {
        if let memberPIDs {
            if membersChanged || membersDirty {
                membersDirty = false
                let wanted = Set(memberPIDs)
                for pid in Array(live.keys) where !wanted.contains(pid) { retire(pid) }
                for pid in memberPIDs where live[pid] == nil { startTracking(pid) }
            }
        } else {
            ticksSinceScan += 1
            if needsScan || ticksSinceScan >= rescanEveryTicks {
                scanTree()
            }
        }
        gone.removeAll(keepingCapacity: true)
        if refreshProcesses || memberPIDs == nil {
            for index in live.indices where !refresh(&live.values[index]) { gone.append(live.keys[index]) }
        }
        for pid in gone { retire(pid) }
        if !gone.isEmpty {
            membersDirty = true
            if memberPIDs == nil && !roots.isEmpty { needsScan = true }
        }
        // Nothing re-read and nobody came or went: the totals are those of the last tick.
        if refreshProcesses || memberPIDs == nil || membersChanged || !gone.isEmpty { recomputeTotals() }
    }

    private func recomputeTotals() {
        var ticks = retiredCPUTicks, read = retiredReadBytes, written = retiredWriteBytes, rss: Int64 = 0
        for entry in live.values {
            ticks += entry.cpuTicks; read += entry.readBytes; written += entry.writeBytes
            rss += entry.rssBytes
        }
        cpuSeconds = Double(ticks) / ticksPerSecond
        ioReadBytes = read
        ioWriteBytes = written
        rssBytes = rss
        processCount = live.count
    }

    /// Reads stat and io of one followed pid; false when it is gone or its pid was reused.
    private func refresh(_ entry: inout Tracked) -> Bool {
        let path = entry.stat.path
        guard let stat = try? entry.stat.withContents({ try ProcessStat.parse($0, path: path, parseComm: false) }),
              stat.startTimeTicks == entry.startTimeTicks else {
            return false
        }
        entry.cpuTicks = stat.cpuTicks
        entry.rssBytes = stat.rssPages * pageSize
        if stat.state == UInt8(ascii: "Z") {
            return false  // final CPU time of an unreaped child kept; io is no longer readable
        }
        if let io = entry.io {
            let ioPath = io.path
            if let values = try? io.withContents({ try ProcessIO.parse($0, path: ioPath) }) {
                entry.readBytes = values.readBytes
                entry.writeBytes = values.writeBytes
            }
        }
        return true
    }

    private func startTracking(_ pid: Int32) {
        let dir = procRoot + "/\(pid)"
        guard let stat = try? SysfsFile(path: dir + "/stat", initialCapacity: 1024),
              let parsed = try? stat.withContents({ try ProcessStat.parse($0, path: dir + "/stat", parseComm: false) })
        else { return }
        let io = try? SysfsFile(path: dir + "/io", initialCapacity: 512)
        live[pid] = Tracked(startTimeTicks: parsed.startTimeTicks, stat: stat, io: io)
    }

    private func retire(_ pid: Int32) {
        guard let entry = live.removeValue(forKey: pid) else { return }
        retiredCPUTicks += entry.cpuTicks
        retiredReadBytes += entry.readBytes
        retiredWriteBytes += entry.writeBytes
    }

    /// Finds the roots' descendants through the ppid of every process in `<procRoot>`.
    private func scanTree() {
        needsScan = false
        ticksSinceScan = 0
        scanCount += 1
        guard !roots.isEmpty else { return }
        var children: [Int32: [Int32]] = [:]
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []
        for name in entries {
            guard let pid = Int32(name) else { continue }
            let path = procRoot + "/" + name + "/stat"
            guard let file = try? SysfsFile(path: path, initialCapacity: 1024),
                  let stat = try? file.withContents({ try ProcessStat.parse($0, path: path, parseComm: false) })
            else { continue }
            children[stat.ppid, default: []].append(pid)
        }
        var queue = roots
        var seen = Set<Int32>()
        while let pid = queue.popLast() {
            guard seen.insert(pid).inserted else { continue }
            if live[pid] == nil { startTracking(pid) }
            queue.append(contentsOf: children[pid] ?? [])
        }
    }
}
