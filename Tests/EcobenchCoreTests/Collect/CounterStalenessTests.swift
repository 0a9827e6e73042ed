import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchAttribute
@testable import EcobenchCluster
@testable import EcobenchAgent

/// How stale a stepped counter's reading can be (`CounterStaleness`), how an agent sends it and
/// what the window integral makes of it.
@Suite struct CounterStalenessTests {
    /// A stepped probe whose wait answers at once, as told, and counts the calls.
    final class SteppedProbe: CounterUpdateSynchronisingProbe, @unchecked Sendable {
        let channels = [SourceDescriptor(name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter,
                                         scope: .node, path: "fixture")]
        var moves = true
        var calls = 0
        func read(into values: UnsafeMutableBufferPointer<Double>) throws { values[0] = 0 }
        func waitForCounterUpdate(timeoutNanoseconds: Int64) -> Bool {
            calls += 1
            return moves
        }
    }

    /// The bound is the 90th percentile by nearest rank of the recent waits: of 1.2, 0.4 and
    /// 4.8 ms the ⌈2.7⌉ = 3rd smallest, 4.8 ms, kept per probe and given for each of its channels;
    /// after 32 newer waits of 1 ms the 4.8 ms one is gone. Of 29 waits of 1 ms and 3 of 9 ms
    /// (n = 32) it is the ⌈28.8⌉ = 29th smallest, 1 ms: three stalls do not set the bound.
    @Test func theBoundIsTheNinetiethPercentileOfRecentWaits() {
        let staleness = CounterStaleness()
        #expect(staleness.boundsSeconds().isEmpty)
        for wait in [1_200_000, 400_000, 4_800_000] as [Int64] {
            staleness.record(wait, probe: 0, names: ["rapl.package-0", "rapl.dram-0"])
        }
        #expect(staleness.boundsSeconds() == ["rapl.package-0": 0.0048, "rapl.dram-0": 0.0048])
        for _ in 0..<CounterStaleness.recentWaits { staleness.record(1_000_000, probe: 0, names: ["rapl.package-0"]) }
        #expect(staleness.boundsSeconds()["rapl.package-0"] == 0.001)
        for _ in 0..<3 { staleness.record(9_000_000, probe: 0, names: ["rapl.package-0"]) }
        #expect(staleness.boundsSeconds()["rapl.package-0"] == 0.001)
        staleness.record(9_000_000, probe: 0, names: ["rapl.package-0"])  // 4 of 32: ⌈28.8⌉ = 29th is 9 ms
        #expect(staleness.boundsSeconds()["rapl.package-0"] == 0.009)
    }

    /// Waits happen at every boundary and once per timing interval between them; a counter that
    /// did not move at a timing tick is left alone for `quietNanoseconds` (boundaries still wait).
    @Test func waitsAtBoundariesAndOncePerTimingInterval() {
        let staleness = CounterStaleness()
        let probe = SteppedProbe()
        let second = CounterStaleness.timingIntervalNanoseconds
        staleness.waitForUpdates(of: [probe], boundary: false, now: 0)          // first tick: timed
        staleness.waitForUpdates(of: [probe], boundary: false, now: second / 2)  // too soon
        staleness.waitForUpdates(of: [probe], boundary: true, now: second / 2)   // a boundary: always
        staleness.waitForUpdates(of: [probe], boundary: false, now: 2 * second)  // timed
        #expect(probe.calls == 3)
        #expect(staleness.boundsSeconds()["rapl.package-0"] != nil)
        probe.moves = false
        staleness.waitForUpdates(of: [probe], boundary: false, now: 4 * second)  // timed out: quiet
        staleness.waitForUpdates(of: [probe], boundary: false, now: 6 * second)  // quiet
        staleness.waitForUpdates(of: [probe], boundary: true, now: 6 * second)   // boundary waits
        #expect(probe.calls == 5)
        staleness.waitForUpdates(of: [probe], boundary: false, now: 4 * second + CounterStaleness.quietNanoseconds)
        #expect(probe.calls == 6)
    }

    /// 10 W, readings every 1 s (0, 10, 20, 30, 40 J), window [0.5 s, 2.5 s]: the pairs' powers do
    /// not scatter, so without a lag the edges state nothing; with readings up to 5 ms stale each
    /// edge may be off by 10 W × 0.005 s = 0.05 J: u = √2 × 0.05/√3 = 0.0408248 J. The amount is
    /// 20 J either way.
    @Test func aStaleReadingBoundsEachEdge() {
        let points = (0...4).map { (t: Double($0), value: Double($0) * 10) }
        let plain = WindowIntegrator.integrate(points, from: 0.5, to: 2.5)
        #expect(plain.amount == 20 && plain.edgeBounds == [0, 0])
        let stale = WindowIntegrator.integrate(points, from: 0.5, to: 2.5, readingLag: 0.005)
        #expect(stale.amount == 20)
        #expect(stale.edgeBounds.allSatisfy { abs($0 - 0.05) < 1e-12 })
        #expect(abs(stale.standardUncertainty - 0.0408248) < 1e-6)
    }

    /// `/samples` carries the bound per source (null where none) and the controller reads it back;
    /// a list of the wrong length names its field.
    @Test func theAgentSendsTheBoundAndTheControllerReadsIt() throws {
        var range = AgentSampleRange()
        range.sources = ["rapl.package-0", "node.cpu.busy_seconds"]
        range.rows = [.init(timeUnixNanoseconds: 1, values: [1, 0.1])]
        let descriptors = Dictionary(uniqueKeysWithValues: [
            ("rapl.package-0", SourceDescriptor(name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter,
                                                scope: .node, path: "fixture", energyRole: .package)),
            ("node.cpu.busy_seconds", SourceDescriptor(name: "node.cpu.busy_seconds", kind: .measured, unit: "s",
                                                       semantics: .counter, scope: .node, path: "fixture"))])
        let json = try range.json(fromUnixNanoseconds: 0, toUnixNanoseconds: 2, units: ["rapl.package-0": "J",
                              "node.cpu.busy_seconds": "s"], clockUnixNanoseconds: 5, clockMonotonicNanoseconds: 5,
                              descriptors: descriptors, stalenessBoundsSeconds: ["rapl.package-0": 0.0012])
        #expect(json.contains(#""staleness_bound_s":[0.0012,null]"#))
        let samples = try AgentSamplesDecoder.samples(Data(json.utf8))
        #expect(samples.channels.map(\.stalenessBoundSeconds) == [0.0012, nil])
        do throws(AgentSamplesDecoder.FieldError) {
            _ = try AgentSamplesDecoder.samples(Data(#"{"sources":["a"],"units":["J"],"staleness_bound_s":[],"rows":[]}"#.utf8))
            Issue.record("parsed")
        } catch {
            #expect(error.field == "staleness_bound_s")
        }
    }
}
