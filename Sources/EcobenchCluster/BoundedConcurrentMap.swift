import Foundation

/// Blocking work (one HTTP exchange per agent) over many items on a bounded number of threads:
/// at most `maxConcurrent` run at once, each item exactly once, results in the items' order.
/// The workers are plain threads, never NIO event loops or Swift tasks, so a blocking call
/// (`BlockingHTTPClient`'s `wait()`) blocks only its own worker.
public enum BoundedConcurrentMap {
    /// Agents pulled at once by a run (`AgentNodeEnergySource.readings(for:)`): enough to hide
    /// each agent's settle wait and round trips behind the others', few enough that a controller
    /// with hundreds of agents keeps a bounded number of threads and open connections.
    public static let agentPulls = 16

    /// `body(0) … body(count − 1)`, on at most `maxConcurrent` threads (1: on the caller's thread).
    public static func map<T: Sendable>(count: Int, maxConcurrent: Int,
                                         _ body: @escaping @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        let width = max(1, min(maxConcurrent, count))
        if width == 1 { return (0..<count).map(body) }
        let state = Results<T>(count: count)
        let group = DispatchGroup()
        for _ in 0..<width {
            group.enter()
            Thread {
                while let index = state.claim() { state.store(body(index), at: index) }
                group.leave()
            }.start()
        }
        group.wait()
        return state.values()
    }
}

/// The shared queue of indices and the results, guarded by one lock.
private final class Results<T: Sendable>: @unchecked Sendable {
    // Safety: `nextIndex` and `slots` are read and written only under `lock`.
    private let lock = NSLock()
    private var nextIndex = 0
    private var slots: [T?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    /// The next index nobody has taken, nil when all are taken.
    func claim() -> Int? {
        lock.withLock {
            guard nextIndex < slots.count else { return nil }
            defer { nextIndex += 1 }
            return nextIndex
        }
    }

    func store(_ value: T, at index: Int) { lock.withLock { slots[index] = value } }

    /// Every result; called after every worker has finished, so every slot is filled.
    func values() -> [T] { lock.withLock { slots.compactMap { $0 } } }
}
