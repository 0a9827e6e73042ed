import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

/// A probe that counts `prepareForBoundaryTick` calls and writes the count it saw when read;
/// one read can be held open, so a test can ask for a boundary tick while the probes are read.
private final class HoldingBoundaryProbe: BoundaryAwareProbe, @unchecked Sendable {
    let channels = [SourceDescriptor(name: "test.prepares", kind: .measured, unit: "count", semantics: .gauge,
                                     scope: .node, path: "test")]
    let lock = NSLock()
    var prepares = 0
    var holdNextRead = false
    let inRead = DispatchSemaphore(value: 0)
    let release = DispatchSemaphore(value: 0)

    func prepareForBoundaryTick() { lock.withLock { prepares += 1 } }

    func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let (hold, seen) = lock.withLock { () -> (Bool, Int) in
            defer { holdNextRead = false }
            return (holdNextRead, prepares)
        }
        values[0] = Double(seen)
        if hold {
            inRead.signal()
            _ = release.wait(timeout: .now() + 5)
        }
    }
}

@Suite("Sampler: phase-boundary ticks")
struct SamplerBoundaryTests {
    /// A boundary asked for while the probes are being read is served by a tick whose reads
    /// came after `prepareForBoundaryTick`, not by the tick already under way: otherwise the
    /// per-process details (I/O, RSS, GPU) would not be read at that boundary.
    @Test func aBoundaryAskedForDuringAReadIsServedByAPreparedTick() throws {
        let probe = HoldingBoundaryProbe()
        let sampler = Sampler(probes: [probe], sourceIDs: [1], sink: DiscardingSink(),
                              intervalNanoseconds: 3_600_000_000_000, originNanoseconds: MonotonicClock.nowNanoseconds())
        probe.lock.withLock { probe.holdNextRead = true }
        sampler.start()
        defer { sampler.stop() }
        #expect(probe.inRead.wait(timeout: .now() + 5) == .success, "the first tick's read began")
        let answer = LockedBox<[Double]?>()
        let asker = Thread {
            answer.set(sampler.tickNow()?.values)
        }
        asker.start()
        // Let the request register while the read is held, then let the read finish.
        Thread.sleep(forTimeInterval: 0.2)
        probe.release.signal()
        #expect(answer.wait(seconds: 5), "tickNow returned")
        let seen = try #require(answer.get() ?? nil)
        #expect(seen == [1], "the tick that served the boundary was read after one prepareForBoundaryTick")
    }
}

/// A value set once by another thread.
private final class LockedBox<Value>: @unchecked Sendable {
    private let condition = NSCondition()
    private var value: Value?
    private var isSet = false

    func set(_ newValue: Value) {
        condition.withLock {
            value = newValue
            isSet = true
            condition.broadcast()
        }
    }

    func wait(seconds: Double) -> Bool {
        condition.withLock {
            let deadline = Date().addingTimeInterval(seconds)
            while !isSet && condition.wait(until: deadline) {}
            return isSet
        }
    }

    func get() -> Value? { condition.withLock { value } }
}
