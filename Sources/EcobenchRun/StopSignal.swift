import Foundation

/// Turns SIGINT, SIGTERM and SIGHUP into a flag the runner checks between steps, so teardown
/// always happens and the run is stored as `interrupted` instead of the process dying mid-write.
public final class StopSignal: @unchecked Sendable {
    private let condition = NSCondition()
    private var signalName: String?
    private var sources: [DispatchSourceSignal] = []
    /// A pipe that becomes readable when a stop is requested (a byte is written, never read), so a
    /// waiter blocked in poll(2) on other descriptors (a child's pidfd) wakes for a stop too.
    private let wakePipe: (read: Int32, write: Int32)

    public init() {
        var fds: [Int32] = [-1, -1]
        if pipe(&fds) == 0 {
            for fd in fds {
                _ = fcntl(fd, F_SETFD, FD_CLOEXEC)  // never inherited by a workload
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            }
            wakePipe = (fds[0], fds[1])
        } else {
            wakePipe = (-1, -1)
        }
    }

    deinit {
        if wakePipe.read >= 0 { close(wakePipe.read) }
        if wakePipe.write >= 0 { close(wakePipe.write) }
    }

    /// Readable (POLLIN) once a stop has been requested; -1 when no pipe could be made.
    public var wakeDescriptor: Int32 { wakePipe.read }

    /// Installs handlers for SIGINT, SIGTERM and SIGHUP (the default actions are ignored meanwhile).
    public func install() {
        // A parent may have started us with these signals blocked (blocked masks are inherited):
        // unblock them, or Ctrl-C and SIGTERM would never reach the handlers.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for (number, name) in [(SIGINT, "SIGINT"), (SIGTERM, "SIGTERM"), (SIGHUP, "SIGHUP")] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.trigger(name) }
            source.resume()
            sources.append(source)
        }
    }

    /// Asks the run to stop (as a signal would).
    public func trigger(_ reason: String) {
        condition.lock()
        if signalName == nil {
            signalName = reason
            var byte: UInt8 = 1
            if wakePipe.write >= 0 { _ = write(wakePipe.write, &byte, 1) }
        }
        condition.broadcast()
        condition.unlock()
    }

    /// The signal that asked to stop, if any.
    public var reason: String? {
        condition.lock()
        defer { condition.unlock() }
        return signalName
    }

    public var isStopRequested: Bool { reason != nil }

    /// Waits up to `seconds`; returns false early when a stop is requested.
    @discardableResult
    public func wait(seconds: Double) -> Bool {
        let until = Date(timeIntervalSinceNow: max(0, seconds))
        condition.lock()
        defer { condition.unlock() }
        while signalName == nil {
            if !condition.wait(until: until) { return true }
        }
        return false
    }
}
