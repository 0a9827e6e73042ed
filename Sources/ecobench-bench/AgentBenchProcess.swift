import EcobenchCore
import Foundation

/// The agent the `agent-metrics` bench scrapes: the real `ecobench agent` binary in a child
/// process, on a loopback port it picks itself (`--listen 127.0.0.1:0`, read back from its log).
/// It is killed when `stop()` runs (the bench's `defer`), at `exit()` (atexit), on SIGINT/SIGTERM
/// of the bench, and, through `setpriv --pdeathsig KILL` where util-linux has it, when the bench
/// itself dies.
final class AgentBenchProcess {
    let process = ChildProcess()
    let logPath: String
    private(set) var port = 0

    /// The agent's pid for the exit and signal handlers (0: none running).
    nonisolated(unsafe) static var runningPID: pid_t = 0

    init(binary: String, arguments: [String], logPath: String) throws {
        self.logPath = logPath
        let setpriv = "/usr/bin/setpriv"
        if FileManager.default.isExecutableFile(atPath: setpriv) {
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--pdeathsig", "KILL", binary] + arguments
        } else {
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = arguments
        }
        guard FileManager.default.createFile(atPath: logPath, contents: nil),
              let log = FileHandle(forWritingAtPath: logPath) else {
            throw BenchError("cannot create the agent log \(logPath)")
        }
        process.standardOutput = log
        process.standardError = log
        Self.installCleanup()
        do { try process.run() } catch { throw BenchError("cannot start \(binary): \(error)") }
        Self.runningPID = process.processIdentifier
    }

    /// Waits for the agent's "listening on http://host:PORT" line; throws with the log's tail
    /// when it exits or does not listen within `seconds`.
    func waitUntilListening(seconds: Double) throws {
        let deadline = MonotonicClock.nowNanoseconds() + Int64(seconds * 1e9)
        while MonotonicClock.nowNanoseconds() < deadline {
            let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
            if let range = log.range(of: "listening on http://127.0.0.1:") {
                let digits = log[range.upperBound...].prefix { $0.isNumber }
                if let port = Int(digits), port > 0 { self.port = port; return }
            }
            guard process.isRunning else { throw BenchError("the agent exited (\(process.terminationStatus)):\n\(logTail())") }
            usleep(50_000)
        }
        throw BenchError("the agent did not listen within \(Int(seconds)) s:\n\(logTail())")
    }

    /// utime + stime of the agent (all its threads) from /proc/PID/stat, in seconds.
    func cpuSeconds() throws -> Double {
        let path = "/proc/\(process.processIdentifier)/stat"
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
              let close = text.lastIndex(of: ")") else { throw BenchError("\(path): unreadable") }
        // After "pid (comm)": field 3 (state) is index 0, so utime (14) and stime (15) are 11 and 12.
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else {
            throw BenchError("\(path): no utime/stime in \(text.prefix(200))")
        }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// SIGTERM, then SIGKILL after 3 s; idempotent.
    func stop() {
        guard process.isRunning else { Self.runningPID = 0; return }
        kill(process.processIdentifier, SIGTERM)
        let deadline = MonotonicClock.nowNanoseconds() + 3_000_000_000
        while process.isRunning && MonotonicClock.nowNanoseconds() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
        Self.runningPID = 0
    }

    func logTail(lines: Int = 20) -> String {
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "(no log)"
        return log.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    nonisolated(unsafe) private static var cleanupInstalled = false

    private static func installCleanup() {
        guard !cleanupInstalled else { return }
        cleanupInstalled = true
        atexit { if AgentBenchProcess.runningPID > 0 { kill(AgentBenchProcess.runningPID, SIGKILL) } }
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber) { received in
                if AgentBenchProcess.runningPID > 0 { kill(AgentBenchProcess.runningPID, SIGKILL) }
                _exit(128 + received)
            }
        }
    }
}

/// A sysfs tree with one RAPL zone whose counter moves at `watts`, and a cgroup v2 tree with
/// `pods` kubepods pods (cgroupfs layout) whose `cpu.stat` grows, in a temporary directory.
final class AgentBenchFixture: @unchecked Sendable {
    // Safety: the paths are immutable; `mover` is only touched by the thread that owns the fixture.
    let directory: String
    let sysfsRoot: String
    let cgroupRoot: String
    let energyPath: String
    let podStatPaths: [String]
    private var mover: Thread?

    init(pods: Int) throws {
        let temporary = FileManager.default.temporaryDirectory.path
        Self.removeStale(in: temporary)
        directory = temporary + "/\(Self.prefix)\(getpid())"
        try? FileManager.default.removeItem(atPath: directory)
        sysfsRoot = directory + "/sys"
        cgroupRoot = directory + "/cgroup"
        let zone = sysfsRoot + "/class/powercap/intel-rapl:0"
        try FileManager.default.createDirectory(atPath: zone, withIntermediateDirectories: true)
        for (file, value) in [("name", "package-0"), ("max_energy_range_uj", "262143328850"), ("enabled", "1")] {
            try (value + "\n").write(toFile: zone + "/" + file, atomically: false, encoding: .utf8)
        }
        energyPath = zone + "/energy_uj"
        try Self.writeInPlace(energyPath, "%020lld\n", 1_000_000)
        let cgroup = cgroupRoot
        try FileManager.default.createDirectory(atPath: cgroup + "/kubepods/burstable", withIntermediateDirectories: true)
        try "cpu io memory\n".write(toFile: cgroup + "/cgroup.controllers", atomically: false, encoding: .utf8)
        podStatPaths = try (0..<pods).map { index in
            let folder = cgroup + "/kubepods/burstable/pod" + String(format: "%08x-0000-4000-8000-%012x", index, index)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try Self.writeInPlace(folder + "/cpu.stat", "usage_usec %020lld\n", 0)
            return folder + "/cpu.stat"
        }
    }

    /// Advances energy_uj every 20 ms at `watts`, each pod's usage_usec every second (pod i at
    /// (i mod 5 + 1) % of a core), from now until `stopMoving()`.
    func startMoving(watts: Double) {
        let energyPath = energyPath, podStatPaths = podStatPaths
        let start = MonotonicClock.nowNanoseconds()
        let thread = Thread {
            var nextPodUpdate = start
            while !Thread.current.isCancelled {
                let now = MonotonicClock.nowNanoseconds()
                let seconds = Double(now - start) / 1e9
                try? Self.writeInPlace(energyPath, "%020lld\n", 1_000_000 + Int64(watts * seconds * 1e6))
                if now >= nextPodUpdate {
                    for (index, path) in podStatPaths.enumerated() {
                        try? Self.writeInPlace(path, "usage_usec %020lld\n", Int64(Double(index % 5 + 1) * 0.01 * seconds * 1e6))
                    }
                    nextPodUpdate = now + 1_000_000_000
                }
                usleep(20_000)
            }
        }
        thread.start()
        mover = thread
    }

    func stopMoving() { mover?.cancel() }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }

    private static let prefix = "ecobench-bench-agent-"

    /// Fixture directories of benches that died (a signal skips `remove()`): their pid is gone.
    private static func removeStale(in temporary: String) {
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: temporary)) ?? [] where entry.hasPrefix(prefix) {
            guard let pid = pid_t(entry.dropFirst(prefix.count)), kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(atPath: temporary + "/" + entry)
        }
    }

    /// Rewrites a file in place at a fixed width (a probe may keep it open).
    static func writeInPlace(_ path: String, _ format: String, _ value: Int64) throws {
        if !FileManager.default.fileExists(atPath: path) { _ = FileManager.default.createFile(atPath: path, contents: nil) }
        guard let handle = FileHandle(forWritingAtPath: path) else { throw BenchError("cannot open \(path)") }
        defer { try? handle.close() }
        try handle.seek(toOffset: 0)
        try handle.write(contentsOf: Data(String(format: format, value).utf8))
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
