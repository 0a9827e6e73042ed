import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

/// A probe whose one channel a test sets: a value, or NaN with a cause, or a thrown error.
private final class ScriptedProbe: ChannelFailureReporting, @unchecked Sendable {
    let channels = [SourceDescriptor(name: "test.energy", kind: .measured, unit: "J", semantics: .counter,
                                     scope: .node, path: "test")]
    let lock = NSLock()
    var value = 1.0
    var cause: ReadingFailure?
    var thrown: ReadingFailure?

    func set(value: Double, cause: ReadingFailure? = nil, thrown: ReadingFailure? = nil) {
        lock.withLock { (self.value, self.cause, self.thrown) = (value, cause, thrown) }
    }

    func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let (value, thrown) = lock.withLock { (self.value, self.thrown) }
        if let thrown { throw thrown }
        values[0] = value
    }

    func failure(channel: Int) -> ReadingFailure? { lock.withLock { cause } }
}

@Suite("Sampler: the cause of each stretch of NaN ticks")
struct SamplerChannelCauseTests {
    @Test func eachCauseIsAStretchFromItsFirstNaNTickToTheNextChange() throws {
        let probe = ScriptedProbe()
        let sampler = Sampler(probes: [probe], sourceIDs: [1], sink: DiscardingSink(),
                              intervalNanoseconds: 3_600_000_000_000, originNanoseconds: MonotonicClock.nowNanoseconds())
        sampler.start()
        _ = try #require(sampler.tickNow())  // a good tick
        probe.set(value: .nan, cause: .vanished(path: "/f"))
        let t1 = try #require(sampler.tickNow()).timeNanoseconds
        _ = try #require(sampler.tickNow())  // same cause: the same stretch
        probe.set(value: .nan, cause: .parse(path: "/f", text: "garbage"))
        let t3 = try #require(sampler.tickNow()).timeNanoseconds
        probe.set(value: 2)
        let t4 = try #require(sampler.tickNow()).timeNanoseconds
        probe.set(value: .nan, thrown: .permissionDenied(path: "/f"))
        let t5 = try #require(sampler.tickNow()).timeNanoseconds
        sampler.stop()  // one last tick, still failing: the stretch stays open
        let gaps = sampler.channelGaps()
        #expect(gaps.map(\.channel) == ["test.energy", "test.energy", "test.energy"])
        #expect(gaps.map(\.reason) == ["vanished: /f", "parse error: /f: 'garbage'", "permission denied: /f"])
        #expect(gaps.map(\.startNanoseconds) == [t1, t3, t5])
        #expect(gaps.map(\.endNanoseconds) == [t3, t4, nil])
        #expect(sampler.problems() == ["probe: permission denied: /f"])
    }

    /// The agent takes the changes as it writes: an entry once when it opens (no end), once more
    /// when it ends, then forgotten (the log of a sampler that never stops stays bounded).
    @Test func takenChangesGiveEachEntryOnceOpenAndOnceEndedThenForgetIt() throws {
        let probe = ScriptedProbe()
        let sampler = Sampler(probes: [probe], sourceIDs: [1], sink: DiscardingSink(),
                              intervalNanoseconds: 3_600_000_000_000, originNanoseconds: MonotonicClock.nowNanoseconds())
        sampler.start()
        defer { sampler.stop() }
        _ = try #require(sampler.tickNow())  // a good tick
        #expect(sampler.takeChannelGapChanges().isEmpty)
        probe.set(value: .nan, cause: .vanished(path: "/f"))
        let t1 = try #require(sampler.tickNow()).timeNanoseconds
        let opened = sampler.takeChannelGapChanges()
        #expect(opened.map(\.channel) == ["test.energy"] && opened.map(\.reason) == ["vanished: /f"])
        #expect(opened.map(\.startNanoseconds) == [t1] && opened.map(\.endNanoseconds) == [nil])
        _ = try #require(sampler.tickNow())  // the same stretch: nothing new
        #expect(sampler.takeChannelGapChanges().isEmpty)
        probe.set(value: 2)
        let t2 = try #require(sampler.tickNow()).timeNanoseconds
        let ended = sampler.takeChannelGapChanges()
        #expect(ended.map(\.startNanoseconds) == [t1] && ended.map(\.endNanoseconds) == [t2])
        #expect(sampler.takeChannelGapChanges().isEmpty && sampler.channelGaps().isEmpty)
    }

    @Test func aNaNWithoutACauseRecordsNone() throws {
        let probe = ScriptedProbe()
        let sampler = Sampler(probes: [probe], sourceIDs: [1], sink: DiscardingSink(),
                              intervalNanoseconds: 3_600_000_000_000, originNanoseconds: MonotonicClock.nowNanoseconds())
        sampler.start()
        probe.set(value: .nan)
        _ = try #require(sampler.tickNow())
        sampler.stop()
        #expect(sampler.channelGaps().isEmpty)
    }
}
