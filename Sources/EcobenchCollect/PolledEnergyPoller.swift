import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A background thread that calls `poll` every `intervalSeconds` until stopped, so that a
/// slow source (a BMC answering in hundreds of milliseconds) never blocks the sampler.
///
/// The interval is measured start to start; a poll that overruns it is followed at once by
/// the next one. `stop()` wakes the thread and waits (bounded) for the current poll to end.
package final class PolledEnergyPoller: @unchecked Sendable {
    // Safety: `stopped` and `running` are only touched under `condition`.
    private let condition = NSCondition()
    private var stopped = false
    private var running = false
    package let intervalSeconds: Double
    private let name: String
    private let poll: @Sendable () -> Void

    package init(name: String, intervalSeconds: Double, poll: @escaping @Sendable () -> Void) {
        self.name = name
        self.intervalSeconds = max(0.01, intervalSeconds)
        self.poll = poll
    }

    /// Seconds on `CLOCK_MONOTONIC`: unaffected by wall-clock steps, shared by all pollers.
    package static func monotonicSeconds() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }

    package func start() {
        condition.lock()
        defer { condition.unlock() }
        guard !running, !stopped else { return }
        running = true
        let thread = Thread { [self] in self.loop() }
        thread.name = name
        thread.start()
    }

    /// Stops polling; waits up to `waitSeconds` for a poll in progress to finish.
    package func stop(waitSeconds: Double = 5) {
        condition.lock()
        defer { condition.unlock() }
        stopped = true
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: waitSeconds)
        while running, condition.wait(until: deadline) {}
    }

    private func loop() {
        while true {
            let started = Self.monotonicSeconds()
            condition.lock()
            let stop = stopped
            condition.unlock()
            if stop { break }
            poll()
            let remaining = intervalSeconds - (Self.monotonicSeconds() - started)
            condition.lock()
            if !stopped, remaining > 0 {
                _ = condition.wait(until: Date(timeIntervalSinceNow: remaining))
            }
            condition.unlock()
        }
        condition.lock()
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
