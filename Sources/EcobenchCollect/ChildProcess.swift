import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program started with posix_spawn (`ecobench_spawn_direct`), with the part of Foundation's
/// `Process` interface ecobench and its tests use. Foundation's `Process.run()` is not used: on
/// Linux it copies 256 bytes of every `/proc/self/fd` entry, past short records, and crashed
/// ecobench's test process in Swift 6.3.1 (swift-corelibs-foundation PR #5472; the same call
/// polls ipmitool every second in a run).
///
/// Standard streams as in `Process`: the parent's by default, `nil` for /dev/null, a `FileHandle`,
/// or a `Pipe` (its other end is closed in the child and its child's end in the parent).
/// Every other descriptor is closed in the child. A thread waits for the child, so
/// `terminationHandler` runs and `waitUntilExit()` returns when it ends.
public final class ChildProcess: @unchecked Sendable {
    public enum TerminationReason: Sendable { case exit, uncaughtSignal }

    public var executableURL: URL?
    public var arguments: [String] = []
    /// nil: this process's environment.
    public var environment: [String: String]?
    public var currentDirectoryURL: URL?
    public var standardInput: Any? = FileHandle.standardInput
    public var standardOutput: Any? = FileHandle.standardOutput
    public var standardError: Any? = FileHandle.standardError
    public var terminationHandler: (@Sendable (ChildProcess) -> Void)?

    private let state = NSCondition()
    private var pid: pid_t = 0
    private var ending: (status: Int32, reason: TerminationReason)?

    public init() {}

    public var processIdentifier: Int32 { state.withLock { pid } }
    public var isRunning: Bool { state.withLock { pid > 0 && ending == nil } }
    /// The exit status, or the signal that ended it (`terminationReason`); 0 before it ended.
    public var terminationStatus: Int32 { state.withLock { ending?.status ?? 0 } }
    public var terminationReason: TerminationReason { state.withLock { ending?.reason ?? .exit } }

    public struct LaunchError: Error, CustomStringConvertible {
        public var path: String
        public var errno: Int32
        public var description: String { "\(path): \(String(cString: strerror(errno)))" }
    }

    public func run() throws {
        guard let path = executableURL?.path else { throw LaunchError(path: "(none)", errno: ENOENT) }
        guard access(path, X_OK) == 0 else { throw LaunchError(path: path, errno: errno) }
        var opened: [FileHandle] = []
        func descriptor(_ stream: Any?, childEnd: (Pipe) -> FileHandle) throws -> Int32 {
            switch stream {
            case let pipe as Pipe: return childEnd(pipe).fileDescriptor
            case let handle as FileHandle: return handle.fileDescriptor
            default:
                guard let null = FileHandle(forUpdatingAtPath: "/dev/null") else { throw LaunchError(path: "/dev/null", errno: errno) }
                opened.append(null)
                return null.fileDescriptor
            }
        }
        defer { opened.forEach { try? $0.close() } }
        let input = try descriptor(standardInput) { $0.fileHandleForReading }
        let output = try descriptor(standardOutput) { $0.fileHandleForWriting }
        let error = try descriptor(standardError) { $0.fileHandleForWriting }
        let environment = (self.environment ?? ProcessInfo.processInfo.environment).map { "\($0.key)=\($0.value)" }
        var child: pid_t = 0
        let result = withCStrings([path] + arguments) { argv in
            withCStrings(environment) { envp in
                ecobench_spawn_direct(path, argv, envp, input, output, error, currentDirectoryURL?.path, &child)
            }
        }
        guard result == 0 else { throw LaunchError(path: path, errno: result) }
        // The child holds its ends now: close them here, so reading a pipe ends when the child exits.
        for case let pipe as Pipe in [standardOutput, standardError] { try? pipe.fileHandleForWriting.close() }
        if let pipe = standardInput as? Pipe { try? pipe.fileHandleForReading.close() }
        let started = child
        state.withLock { pid = started }
        let waiter = Thread { [self] in awaitExit(started) }
        waiter.start()
    }

    public func waitUntilExit() {
        state.lock()
        while pid > 0 && ending == nil { state.wait() }
        state.unlock()
    }

    public func terminate() { send(SIGTERM) }
    public func interrupt() { send(SIGINT) }

    private func send(_ number: Int32) {
        state.withLock { if pid > 0 && ending == nil { _ = kill(pid, number) } }
    }

    private func awaitExit(_ child: pid_t) {
        var status: Int32 = 0
        var ended: pid_t
        repeat { ended = waitpid(child, &status, 0) } while ended < 0 && errno == EINTR
        // Another waiter may have reaped it (ECHILD): it ended, how is unknown.
        let signalled = ended == child && (status & 0x7f) != 0 && (status & 0x7f) != 0x7f
        let outcome: (Int32, TerminationReason) = ended != child ? (-1, .exit)
            : signalled ? (status & 0x7f, .uncaughtSignal) : ((status >> 8) & 0xff, .exit)
        state.withLock {
            ending = outcome
            state.broadcast()
        }
        terminationHandler?(self)
    }
}

/// `strings` as a NULL-terminated C array for the duration of `body`.
private func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
    let pointers = strings.map { strdup($0) } + [nil]
    defer { pointers.forEach { free($0) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
}
