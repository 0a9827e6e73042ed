import Foundation
import EcobenchCollect

/// The agent's per-pod CPU view: a `PodCgroupScanner` run at most every `intervalNanoseconds`.
/// The agent's writer thread asks for it after each buffer write (every ≥ 100 ms), so the pod
/// tree is walked once per interval (default 5 s, like the per-process detail cadence of `run`),
/// never on the sampler's tick; `/metrics` shows the latest scan (taking one when it is older
/// than the interval), and `/pods` takes a fresh one when asked about a time after the latest.
public final class AgentPodCPU: @unchecked Sendable {
    /// One walk of the pod tree: when it ended (monotonic ns) and what it found.
    public struct Scan: Sendable, Equatable {
        public var monotonicNanoseconds: Int64
        public var pods: [PodCgroupCPU]
    }

    public let scanner: PodCgroupScanner
    public let intervalNanoseconds: Int64
    private let lock = NSLock()
    private var last: Scan?
    private var reportedProblems = Set<String>()

    public init(scanner: PodCgroupScanner, intervalNanoseconds: Int64 = 5_000_000_000) {
        self.scanner = scanner
        self.intervalNanoseconds = max(0, intervalNanoseconds)
    }

    /// The latest scan's pods, refreshed first when it is older than the interval. `log`
    /// receives each distinct problem once (an unreadable cpu.stat), not at every scrape.
    public func current(log: (String) -> Void = { _ in }) -> [PodCgroupCPU] {
        latest(force: false, log: log).pods
    }

    /// The latest scan, taken now when `force` is set or the last one is older than the interval.
    public func latest(force: Bool, log: (String) -> Void = { _ in }) -> Scan {
        lock.withLock {
            if !force, let last, MonotonicClock.nowNanoseconds() - last.monotonicNanoseconds < intervalNanoseconds {
                return last
            }
            let result = scanner.scan()
            for problem in result.problems where reportedProblems.insert(problem).inserted { log(problem) }
            let scan = Scan(monotonicNanoseconds: MonotonicClock.nowNanoseconds(), pods: result.pods)
            last = scan
            return scan
        }
    }
}
