import Foundation
import CSpawn
import EcobenchCollect

/// A workload process started by ecobench, leader of its own process group.
public final class LaunchedProcess: @unchecked Sendable {
    public let pid: pid_t
    public let label: String
    public let stdoutPath: String
    public let stderrPath: String
    private var exitStatus: Int32?

    package init(pid: pid_t, label: String, stdoutPath: String, stderrPath: String) {
        self.pid = pid
        self.label = label
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// How the process ended: exit code, or 128 + signal number (as a shell reports it).
    public enum Termination: Equatable, Sendable {
        case exited(Int32)
        case signalled(Int32)

        public var succeeded: Bool { self == .exited(0) }
        public var description: String {
            switch self {
            case .exited(let code): return "exit code \(code)"
            case .signalled(let sig): return "killed by signal \(sig)"
            }
        }
    }

    /// Reaps the process if it has ended; nil while it runs.
    public func poll() -> Termination? {
        if exitStatus == nil {
            var status: Int32 = 0
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { exitStatus = status } else if r < 0 && errno == ECHILD { exitStatus = 0 }
        }
        return exitStatus.map(LaunchedProcess.decode)
    }

    package static func decode(_ status: Int32) -> Termination {
        let signal = status & 0x7f
        return signal == 0 ? .exited((status >> 8) & 0xff) : .signalled(signal)
    }

    /// Waits until the process ends, `timeoutSeconds` pass, or a stop is requested.
    /// Returns the termination, or nil on timeout or stop (the process is still running).
    /// Blocks in poll(2) on the process's pidfd and the stop's wake pipe, so the thread sleeps
    /// until one of the three happens (the testbench must not disturb what it measures); on a
    /// kernel without pidfd_open (before 5.3) it asks waitpid every 20 ms instead.
    public func wait(timeoutSeconds: Double?, stop: StopSignal) -> Termination? {
        let deadline = timeoutSeconds.map { MonotonicClock.nowNanoseconds() + Int64($0 * 1e9) }
        let pidfd = exitStatus == nil && stop.wakeDescriptor >= 0 ? ecobench_pidfd_open(pid) : -1
        defer { if pidfd >= 0 { close(pidfd) } }
        while true {
            if let done = poll() { return done }
            if stop.isStopRequested { return nil }
            let left = deadline.map { Double($0 - MonotonicClock.nowNanoseconds()) / 1e9 }
            if let left, left <= 0 { return nil }
            guard pidfd >= 0 else {
                stop.wait(seconds: min(left ?? 0.02, 0.02))
                continue
            }
            var watched = [pollfd(fd: pidfd, events: Int16(POLLIN), revents: 0),
                           pollfd(fd: stop.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            let milliseconds = left.map { Int32(min(Double(Int32.max), ($0 * 1000).rounded(.up))) } ?? -1
            _ = Glibc.poll(&watched, 2, milliseconds)  // EINTR or a wake: the checks above decide
        }
    }

    /// SIGTERM to the whole process group, then SIGKILL after `graceSeconds`; reaps the leader.
    public func terminateGroup(graceSeconds: Double = 5) {
        if poll() == nil { killpg(pid, SIGTERM) }
        let deadline = MonotonicClock.nowNanoseconds() + Int64(graceSeconds * 1e9)
        while poll() == nil && MonotonicClock.nowNanoseconds() < deadline {
            usleep(10_000)
        }
        // Kill what is left of the group, leader or not (children may have outlived it).
        killpg(pid, SIGKILL)
        if exitStatus == nil {
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            exitStatus = status
        }
    }

    /// The captured standard output and error. Bytes that are not UTF-8 become U+FFFD (the
    /// rest of the text is kept); a capture file that cannot be read gives a text saying why.
    public func output() -> (stdout: String, stderr: String) {
        (LaunchedProcess.capturedText(stdoutPath), LaunchedProcess.capturedText(stderrPath))
    }

    /// The file decoded lossily as UTF-8, or "[output unreadable: <path>: <error>]".
    package static func capturedText(_ path: String) -> String {
        do {
            return String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        } catch {
            return "[output unreadable: \(path): \(error.localizedDescription)]"
        }
    }
}
