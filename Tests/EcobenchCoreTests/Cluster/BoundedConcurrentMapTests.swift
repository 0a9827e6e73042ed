import Foundation
import Testing
@testable import EcobenchNet
@testable import EcobenchCluster

/// `BoundedConcurrentMap`, which a run pulls its agents with: every item exactly once, results in
/// the items' order, never more than the cap at once, and really concurrent up to it.
@Suite struct BoundedConcurrentMapTests {
    @Test func everyItemOnceInOrderAndNeverMoreThanTheCapAtOnce() {
        let probe = ConcurrencyProbe()
        // 100 items, cap 7: result i is i * i (hand: 0, 1, 4, …, 99 * 99 = 9801).
        let squares = BoundedConcurrentMap.map(count: 100, maxConcurrent: 7) { index in
            probe.enter(index)
            defer { probe.leave() }
            return index * index
        }
        #expect(squares == (0..<100).map { $0 * $0 })
        #expect(squares.last == 9801)
        #expect(probe.calls.sorted() == Array(0..<100))
        #expect(probe.peak <= 7)
    }

    @Test func theCapIsReachedWhenItemsBlock() {
        // The first 4 items each wait until 4 are running at once: only 4 concurrent workers let
        // them all through (1 worker would never get past item 0; the wait is a deadlock guard).
        let probe = ConcurrencyProbe()
        let met = BoundedConcurrentMap.map(count: 10, maxConcurrent: 4) { index in
            probe.enter(index)
            defer { probe.leave() }
            return index < 4 ? probe.waitForRunning(4, seconds: 60) : true
        }
        #expect(met == Array(repeating: true, count: 10))
        #expect(probe.peak == 4)
    }

    @Test func zeroItemsAndACapOfOneRunOnTheCallersThread() {
        #expect(BoundedConcurrentMap.map(count: 0, maxConcurrent: 8) { $0 }.isEmpty)
        let caller = pthread_self()
        let same = BoundedConcurrentMap.map(count: 3, maxConcurrent: 1) { _ in pthread_equal(pthread_self(), caller) != 0 }
        #expect(same == [true, true, true])
    }

    @Test func agentsPulledConcurrentlyGiveTheSameReadingsAsOneByOne() throws {
        // 20 agents whose URL no HTTP client accepts (an unknown scheme: refused before any
        // connection, at once), each with its own name and URL: every one gets its own coverage-0
        // gap reading naming its URL, the same with 1 or 16 at a time.
        let http = try BlockingHTTPClient(timeoutSeconds: 2)
        let nodes = (0..<20).map { index in
            AgentNode(client: AgentClient(endpoint: AgentEndpoint(name: "node\(index)", url: "nohttp://node\(index)"),
                                          http: http),
                      alignment: ClockAlignment(offsetNanoseconds: 0, roundTripNanoseconds: 0, rounds: 1))
        }
        let window = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: 1_000_000_000,
                                   endUnixNanoseconds: 2_000_000_000)
        let source = AgentNodeEnergySource(nodes: nodes)
        let serial = source.readings(for: [window], maxConcurrent: 1)
        let concurrent = source.readings(for: [window], maxConcurrent: 16)
        #expect(concurrent == serial)
        #expect(concurrent.count == 20)
        #expect(concurrent["node7"]?.first?.energy.node == "node7")
        #expect(concurrent["node7"]?.first?.energy.coverage == 0)
        #expect(concurrent["node7"]?.first?.energy.notes.first?.contains("nohttp://node7/samples") == true)
        http.shutdown()
    }
}

/// Counts the bodies running at once (and the highest count seen), under a condition lock.
private final class ConcurrencyProbe: @unchecked Sendable {
    // Safety: every field is read and written only while holding `condition`.
    private let condition = NSCondition()
    private var running = 0
    private var highest = 0
    private var seen: [Int] = []

    func enter(_ index: Int) {
        condition.withLock {
            running += 1
            highest = max(highest, running)
            seen.append(index)
            condition.broadcast()
        }
    }

    func leave() { condition.withLock { running -= 1 } }

    /// True once `count` bodies run at once; false if that never happens within `seconds` (a guard
    /// against a hang, not a timing assertion).
    func waitForRunning(_ count: Int, seconds: Double) -> Bool {
        condition.withLock {
            let deadline = Date(timeIntervalSinceNow: seconds)
            while highest < count {
                if !condition.wait(until: deadline) { return false }
            }
            return true
        }
    }

    var peak: Int { condition.withLock { highest } }
    var calls: [Int] { condition.withLock { seen } }
}
