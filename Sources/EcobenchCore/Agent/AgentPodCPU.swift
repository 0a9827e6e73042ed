import Foundation

/// The agent's per-pod CPU view for `/metrics`: a `PodCgroupScanner` run at most every
/// `intervalNanoseconds` (when `/metrics` is asked for), never on the sampler's tick, so an agent
/// sampling every 100 ms walks the pod tree only as often as it is scraped, and at most this often.
/// A scrape may therefore see values up to one interval old (default 5 s, like the per-process
/// detail cadence of `run`).
public final class AgentPodCPU: @unchecked Sendable {
    public let scanner: PodCgroupScanner
    public let intervalNanoseconds: Int64
    private let lock = NSLock()
    private var last: [PodCgroupCPU] = []
    private var lastScanNanoseconds: Int64?
    private var reportedProblems = Set<String>()

    public init(scanner: PodCgroupScanner, intervalNanoseconds: Int64 = 5_000_000_000) {
        self.scanner = scanner
        self.intervalNanoseconds = max(0, intervalNanoseconds)
    }

    /// The latest scan, refreshed first when it is older than the interval. `log` receives each
    /// distinct problem once (an unreadable cpu.stat), not at every scrape.
    public func current(log: (String) -> Void = { _ in }) -> [PodCgroupCPU] {
        lock.withLock {
            let now = MonotonicClock.nowNanoseconds()
            if let previous = lastScanNanoseconds, now - previous < intervalNanoseconds { return last }
            let result = scanner.scan()
            for problem in result.problems where reportedProblems.insert(problem).inserted { log(problem) }
            last = result.pods
            lastScanNanoseconds = now
            return last
        }
    }
}
