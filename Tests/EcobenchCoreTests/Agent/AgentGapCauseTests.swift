import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCluster
@testable import EcobenchAgent

/// An agent's unreadable readings name their cause (issue 12, point 4): the sampler's causes are
/// kept in the agent's buffer with the ticks, sent in `/samples` (`gaps`), and named in the
/// controller's note for the window.
@Suite struct AgentGapCauseTests {
    static let channel = "rapl.package-0"

    /// A RAPL-like counter whose readings a script gives: a value, or NaN with its cause.
    final class ScriptedCounter: ChannelFailureReporting, @unchecked Sendable {
        let channels = [SourceDescriptor(name: AgentGapCauseTests.channel, kind: .measured, unit: "J",
                                         semantics: .counter, scope: .node, path: "fixture", energyRole: .package)]
        private let lock = NSLock()
        private var reads = 0
        private var cause: ReadingFailure?
        /// Read 2 (the third) is unreadable with this cause; the others count 1 J per read.
        let failure: ReadingFailure

        init(failure: ReadingFailure) { self.failure = failure }

        var readCount: Int { lock.withLock { reads } }

        func read(into values: UnsafeMutableBufferPointer<Double>) throws {
            lock.withLock {
                defer { reads += 1 }
                cause = reads == 2 ? failure : nil
                values[0] = reads == 2 ? .nan : Double(reads)
            }
        }

        func failure(channel: Int) -> ReadingFailure? { lock.withLock { cause } }
    }

    @Test func theBufferKeepsACauseWithItsTicksEndsItAndKeepsItAcrossReopen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/buffer.db"
        let buffer = try AgentBuffer(path: path, maxSamples: 100)
        let names = [Self.channel]
        let open = AgentWire.Gap(source: Self.channel, fromUnixNanoseconds: 100, toUnixNanoseconds: nil, reason: "vanished: /z")
        try buffer.append(names: names, timesUnixNanoseconds: [50, 100], values: [1, .nan], counters: [:], gaps: [open])
        #expect(try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: 1000, limit: 10).gaps == [open])
        // The valued tick at 200 ends it: the same row, now with its end.
        var ended = open
        ended.toUnixNanoseconds = 200
        try buffer.append(names: names, timesUnixNanoseconds: [200], values: [2], counters: [:], gaps: [ended])
        #expect(try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: 1000, limit: 10).gaps == [ended])
        // Only ranges it overlaps carry it (both bounds inclusive).
        #expect(try buffer.samples(fromUnixNanoseconds: 201, toUnixNanoseconds: 1000, limit: 10).gaps.isEmpty)
        #expect(try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: 99, limit: 10).gaps.isEmpty)
        #expect(try buffer.samples(fromUnixNanoseconds: 150, toUnixNanoseconds: 150, limit: 10).gaps == [ended])

        // A stretch still open when the agent stopped ends at the next start (here 900).
        let left = AgentWire.Gap(source: Self.channel, fromUnixNanoseconds: 300, toUnixNanoseconds: nil, reason: "vanished: /z")
        try buffer.append(names: names, timesUnixNanoseconds: [300], values: [.nan], counters: [:], gaps: [left])
        let reopened = try AgentBuffer(path: path, maxSamples: 100)
        #expect(try reopened.gaps() == [ended, left])
        try reopened.endOpenGaps(atUnixNanoseconds: 900)
        #expect(try reopened.gaps().map(\.toUnixNanoseconds) == [200, 900])
    }

    @Test func theBufferKeepsAtMostMaxGapsDroppingTheOldest() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 10)
        let gaps = (0...AgentBuffer.maxGaps).map {
            AgentWire.Gap(source: Self.channel, fromUnixNanoseconds: Int64($0) * 10, toUnixNanoseconds: Int64($0) * 10 + 5,
                          reason: "vanished: /z")
        }
        try buffer.append(names: [Self.channel], timesUnixNanoseconds: [], values: [], counters: [:], gaps: gaps)
        let kept = try buffer.gaps()
        // maxGaps + 1 written: the first (from 0) dropped.
        #expect(kept.count == AgentBuffer.maxGaps && kept.first?.fromUnixNanoseconds == 10)
    }

    /// A real sampler over a counter that resets at its third reading: the reset's cause reaches
    /// the controller's note for the window through the buffer and `/samples`.
    @Test func aResetsCauseGoesFromTheProbeToTheControllersNote() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let probe = ScriptedCounter(failure: .reset(path: "/z/energy_uj", fromValue: 900, toValue: 300, unit: "µJ"))
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 1000)
        let collector = try AgentCollector(probes: [probe], buffer: buffer, intervalNanoseconds: 10_000_000)
        collector.start()
        var waited = 0
        while probe.readCount < 5 && waited < 1000 {  // a readiness wait, not a timing check
            usleep(10_000)
            waited += 1
        }
        collector.stop()
        try #require(probe.readCount >= 5, "the sampler read \(probe.readCount) times")

        let json = try collector.samplesJSON(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, limit: 1000)
        let samples = try AgentSamplesDecoder.samples(Data(json.utf8))
        // The cause as ReadingFailure words it (docs/reliability.md), for the injected reset.
        let reason = "reset: /z/energy_uj went back from 900 µJ to 300 µJ (no plausible wrap; counted on from the new value)"
        let rows = samples.rows
        let nullAt = try #require(rows.firstIndex { $0.values[0] == nil })
        // The stretch runs from the unreadable tick to the next (valued) one.
        #expect(samples.gaps == [.init(source: Self.channel, fromUnixNanoseconds: rows[nullAt].timeUnixNanoseconds,
                                       toUnixNanoseconds: rows[nullAt + 1].timeUnixNanoseconds, reason: reason)])

        let start = try #require(rows.first).timeUnixNanoseconds, end = try #require(rows.last).timeUnixNanoseconds
        let found = AgentUnreadableReadings.find(samples, channel: Self.channel, start: start, end: end)
        #expect(found.count == 1 && found.causes == [reason])
        var coverage = 1.0
        var uncertainty = NodeEnergyUncertainty(clockResidualMs: 0, sourceRelative: nil)
        let note = found.apply(channel: Self.channel, channelJoules: 4, windowNanoseconds: end - start,
                               coverage: &coverage, uncertainty: &uncertainty)
        #expect(note == "rapl.package-0: 1 unreadable reading(s) (\(reason)): the interval to each counted 0 J")
    }

    /// Rows every 100 ms from 0 to 1 s; the channel null at 0.3 and 0.7 s, each with its cause.
    static func samples(reasons: [String]) -> AgentSamples {
        let nulls: [Int64: Int] = [3: 0, 7: 1]
        return AgentSamples(
            channels: [.init(name: channel, unit: "J"), .init(name: "other", unit: "J")],
            rows: (0...10).map { i in
                .init(timeUnixNanoseconds: Int64(i) * 100_000_000, values: [nulls[Int64(i)] == nil ? Double(i) : nil, 1])
            },
            gaps: [.init(source: channel, fromUnixNanoseconds: 300_000_000, toUnixNanoseconds: 400_000_000, reason: reasons[0]),
                   .init(source: channel, fromUnixNanoseconds: 700_000_000, toUnixNanoseconds: 800_000_000, reason: reasons[1]),
                   .init(source: "other", fromUnixNanoseconds: 0, toUnixNanoseconds: nil, reason: "not this channel's")])
    }

    @Test func aWindowNamesOnlyTheCausesOfTheReadingsItCounts() {
        let samples = Self.samples(reasons: ["vanished: /a", "parse error: /a: 'x'"])
        // 0…0.5 s counts the null at 0.3 s only; 0…1 s both, in time order; 0.8…1 s none.
        #expect(AgentUnreadableReadings.find(samples, channel: Self.channel, start: 0, end: 500_000_000)
                == .init(count: 1, uncoveredNanoseconds: 200_000_000, causes: ["vanished: /a"]))
        #expect(AgentUnreadableReadings.find(samples, channel: Self.channel, start: 0, end: 1_000_000_000).causes
                == ["vanished: /a", "parse error: /a: 'x'"])
        #expect(AgentUnreadableReadings.find(samples, channel: Self.channel, start: 800_000_000, end: 1_000_000_000)
                == .init(count: 0, uncoveredNanoseconds: 0))
        // The same cause twice is named once.
        let same = Self.samples(reasons: ["vanished: /a", "vanished: /a"])
        #expect(AgentUnreadableReadings.find(same, channel: Self.channel, start: 0, end: 1_000_000_000)
                == .init(count: 2, uncoveredNanoseconds: 400_000_000, causes: ["vanished: /a"]))
    }

    @Test func aNoteNamesAtMostThreeCausesAndCountsTheRest() {
        func why(_ causes: [String]) -> String {
            AgentUnreadableReadings.Found(count: 5, uncoveredNanoseconds: 1, causes: causes).why
        }
        #expect(why([]) == "a counter reset or a vanished zone")
        #expect(why(["a", "b"]) == "a; b")
        #expect(why(["a", "b", "c", "d", "e"]) == "a; b; c; and 2 other cause(s)")
    }
}
