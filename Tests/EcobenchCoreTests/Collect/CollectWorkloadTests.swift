import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport

/// Starts `/bin/sh -c script` with Foundation's Process.
func startShell(_ script: String) throws -> ChildProcess {
    let p = ChildProcess()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", script]
    try p.run()
    return p
}

/// Polls `condition` every 20 ms for up to `seconds`.
func waitFor(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if condition() { return true }
        usleep(20_000)
    }
    return condition()
}

@Suite("Collect: workload tracking (fixtures)")
struct CollectWorkloadFixtureTests {
    @Test func treeTrackerFollowsDescendantsAndKeepsExitedTime() throws {
        let tree = try FixtureCopy("intel-2s")
        let tracker = ProcessTreeTracker(procRoot: tree.root + "/proc", rescanEveryTicks: 100, ticksPerSecond: 100)
        tracker.setRoots([4242])
        tracker.update()
        #expect(tracker.trackedPIDs == [4242, 4243])
        #expect(tracker.cpuSeconds == 2.15)
        #expect(tracker.ioReadBytes == 40960 + 4096)
        #expect(tracker.ioWriteBytes == 8192)
        #expect(tracker.processCount == 2)
        #expect(tracker.rssBytes == (414 + 300) * Int64(sysconf(Int32(_SC_PAGESIZE))))
        #expect(tracker.scanCount == 1)
        tracker.update()
        #expect(tracker.scanCount == 1)  // no rescan without a reason
        // The child exits and its pid is reused by an unrelated process (other start time,
        // parent 1): an open fixture file cannot vanish the way /proc files do, so this is
        // how the test makes the tracked process disappear. Its time and bytes stay counted.
        try tree.write("proc/4243/stat", "4243 (other) S 1 1 1 0 -1 0 0 0 0 0 99 99 0 0 20 0 1 0 99999 0 10\n")
        tracker.update()
        #expect(tracker.trackedPIDs == [4242])
        #expect(tracker.cpuSeconds == 2.15)
        #expect(tracker.ioReadBytes == 40960 + 4096)
        #expect(tracker.processCount == 1)
        tracker.update()
        #expect(tracker.scanCount == 2)  // rescanned because a known pid vanished
    }

    @Test func workloadProbeStaysFlatWhenCleared() throws {
        let tree = try FixtureCopy("intel-2s")
        let target = WorkloadTarget()
        let probe = WorkloadProbe(target: target, procRoot: tree.root + "/proc")
        #expect(probe.channels.map(\.name) == WorkloadProbe.channelNames)
        #expect(probe.channels.allSatisfy { $0.scope == .workload && $0.kind == .measured })
        #expect(try readProbe(probe) == [0, 0, 0, 0, 0])
        target.addRootPID(4242)
        let v = try readProbe(probe)
        #expect(v[0] == (150 + 50 + 10 + 5) / ProcStat.ticksPerSecond)
        #expect(v[1] == 45056 && v[2] == 8192 && v[4] == 2)
        target.clear()
        let after = try readProbe(probe)
        #expect(after[0] == v[0] && after[1] == v[1] && after[2] == v[2])
        #expect(after[3] == 0 && after[4] == 0)
    }
}

/// These tests use this machine's real /proc and cgroups; creating a cgroup and moving a
/// process into it needs root (CI runs as root), so they are skipped otherwise.
@Suite("Collect: workload tracking (real /proc and cgroups, root)", .enabled(if: getuid() == 0))
struct CollectWorkloadRealTests {
    /// The cgroup's CPU time as the kernel states it, parsed here independently of ecobench.
    static func kernelCPUSeconds(cgroupPath: String) throws -> Double {
        if let stat = try? String(contentsOfFile: cgroupPath + "/cpu.stat", encoding: .utf8) {
            let line = try #require(stat.split(separator: "\n").first { $0.hasPrefix("usage_usec ") }, "\(stat)")
            return try #require(Double(line.dropFirst("usage_usec ".count))) / 1e6
        }
        let usage = try String(contentsOfFile: cgroupPath + "/cpuacct.usage", encoding: .utf8)
        return try #require(Double(usage.trimmingCharacters(in: .whitespacesAndNewlines))) / 1e9
    }

    @Test func cgroupListsKillsAndRemoves() throws {
        let name = "ecobench-test-\(UUID().uuidString.prefix(8))"
        let result = try WorkloadCgroup.createReportingReason(name: name)
        let cgroup = try #require(result.cgroup, "no cgroup: \(result.reason ?? "?")")
        defer { try? cgroup.remove() }
        #expect(FileManager.default.fileExists(atPath: cgroup.procsFilePath))
        // The shell waits before forking, so its children start after it joined the cgroup.
        let shell = try startShell("sleep 0.3; sleep 1 & sleep 1 & wait")
        try cgroup.add(pid: shell.processIdentifier)
        #expect(waitFor(seconds: 3) { cgroup.pids().count >= 3 })
        let pids = cgroup.pids()
        #expect(pids.contains(shell.processIdentifier))
        let children = pids.filter { $0 != shell.processIdentifier }
        for child in children {
            let stat = try ProcessStat.parse(text: SysfsFile.readText(path: "/proc/\(child)/stat"))
            #expect(stat.ppid == shell.processIdentifier)
        }
        #expect(cgroup.killAll())
        #expect(cgroup.pids().isEmpty)
        shell.waitUntilExit()
        // With every process gone the cgroup's CPU time stands still: ecobench's reading is the
        // kernel's counter, read here by the test itself (v2 cpu.stat usage_usec in µs, v1
        // cpuacct.usage in ns), and it is not zero: the shell forked three processes.
        let kernelSeconds = try Self.kernelCPUSeconds(cgroupPath: cgroup.path)
        #expect(kernelSeconds > 0)
        #expect(abs(try cgroup.cpuSeconds() - kernelSeconds) < 1e-3)
        try cgroup.remove()
        #expect(!FileManager.default.fileExists(atPath: cgroup.path))
    }

    @Test func createRejectsBadNamesAndReportsMissingHierarchies() throws {
        #expect(throws: CollectError.self) { _ = try WorkloadCgroup.create(name: "a/b") }
        let none = try WorkloadCgroup.createReportingReason(name: "x", cgroupRoot: "/nonexistent-ecobench")
        #expect(none.cgroup == nil)
        #expect(none.reason?.contains("/nonexistent-ecobench") == true)
    }

    @Test func treeTrackerOnRealProc() throws {
        let shell = try startShell("sleep 1 & sleep 1 & wait")
        let tracker = ProcessTreeTracker(procRoot: "/proc", rescanEveryTicks: 5)
        tracker.setRoots([shell.processIdentifier])
        #expect(waitFor(seconds: 3) { tracker.update(); return tracker.processCount == 3 })
        #expect(tracker.trackedPIDs.contains(shell.processIdentifier))
        #expect(tracker.rssBytes > 0)
        // Foundation's Process starts children with the spawning thread's signal mask, which
        // blocks SIGCHLD and SIGTERM: the shell's `wait` may never return, so end with SIGKILL.
        for pid in tracker.trackedPIDs { kill(pid, SIGKILL) }
        shell.waitUntilExit()
    }

    @Test func workloadProbeCountsCgroupCPUAndKeepsItAfterExit() throws {
        let name = "ecobench-test-\(UUID().uuidString.prefix(8))"
        let cgroup = try #require(try WorkloadCgroup.create(name: name))
        defer { cgroup.killAll(); try? cgroup.remove() }
        let target = WorkloadTarget()
        let probe = WorkloadProbe(target: target)
        _ = try readProbe(probe)
        let shell = try startShell("sleep 0.2; i=0; while [ $i -lt 300000 ]; do i=$((i+1)); done")
        try cgroup.add(pid: shell.processIdentifier)
        target.setCgroup(cgroup)
        target.addRootPID(shell.processIdentifier)
        var last: [Double] = []
        while shell.isRunning {
            last = try readProbe(probe)
            usleep(50_000)
        }
        last = try readProbe(probe)
        #expect(last[0] > 0.05)
        #expect(last[4] == 0)
        target.clear()
        try cgroup.remove()
        let after = try readProbe(probe)
        #expect(after[0] == last[0])
    }
}
