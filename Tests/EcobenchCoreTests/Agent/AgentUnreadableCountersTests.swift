import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCluster
@testable import EcobenchAgent

/// The agent's `/metrics` counts a node energy channel's unreadable readings and the time they
/// left uncovered, by the rule the agent path applies to `/samples` (`UnreadableReadingTracker`).
@Suite struct AgentUnreadableCountersTests {
    /// A RAPL-like counter and a CPU-time counter; never started (the test writes batches itself).
    final class TwoChannels: Probe, @unchecked Sendable {
        let channels = [
            SourceDescriptor(name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter, scope: .node,
                             path: "given", energyRole: .package),
            SourceDescriptor(name: "node.cpu.busy_seconds", kind: .measured, unit: "s", semantics: .counter,
                             scope: .node, path: "given")
        ]
        func read(into values: UnsafeMutableBufferPointer<Double>) throws { values[0] = 0; values[1] = 0 }
    }

    static func batch(_ rows: [(ms: Int64, joules: Double)]) -> SampleBatch {
        var batch = SampleBatch(sourceIDs: [0, 1])
        for row in rows {
            batch.timesNanoseconds.append(row.ms * 1_000_000)
            batch.values += [row.joules, .nan]  // CPU time unreadable throughout: not an energy channel
        }
        return batch
    }

    /// The value of `name{source="rapl.package-0"}` in a scrape, nil when absent.
    static func value(_ text: String, _ name: String) -> Double? {
        let prefix = name + "{source=\"rapl.package-0\"} "
        return text.split(separator: "\n").first { $0.hasPrefix(prefix) }.flatMap { Double($0.dropFirst(prefix.count)) }
    }

    @Test func unreadableReadingsAndTheirUncoveredTimeAreCounters() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 1000)
        let collector = try AgentCollector(probes: [TwoChannels()], buffer: buffer, intervalNanoseconds: 50_000_000)
        let readings = "ecobench_node_energy_unreadable_readings_total", seconds = "ecobench_node_energy_uncovered_seconds_total"

        // Before any reading: both series there at 0 (a scraper sees them exist), typed and explained.
        let empty = collector.metricsText(version: "test")
        #expect(Self.value(empty, readings) == 0 && Self.value(empty, seconds) == 0, "\(empty)")
        #expect(empty.contains("# TYPE \(readings) counter\n") && empty.contains("# TYPE \(seconds) counter\n"))
        #expect(empty.contains("# HELP \(readings) ") && empty.contains("# HELP \(seconds) "))
        #expect(!empty.contains("source=\"node.cpu.busy_seconds\""), "only node energy channels are counted")

        // 0 ms unreadable before any value: not counted. Valued at 50 and 100 ms, unreadable at
        // 150 and 200 ms (a reset), valued again at 250 ms: 2 readings, 250 − 100 = 150 ms uncovered.
        try collector.write(Self.batch([(0, .nan), (50, 0), (100, 1), (150, .nan), (200, .nan), (250, 4)]))
        let first = collector.metricsText(version: "test")
        #expect(Self.value(first, readings) == 2, "\(first)")
        #expect(abs((Self.value(first, seconds) ?? -1) - 0.15) < 1e-9, "\(first)")

        // Next batch: unreadable at 300 ms, valued at 350 ms (350 − 250 = 100 ms), unreadable at
        // 400 ms and not yet followed by a value (still open: not counted). Totals 3 and 0.25 s.
        try collector.write(Self.batch([(300, .nan), (350, 6), (400, .nan)]))
        let second = collector.metricsText(version: "test")
        #expect(Self.value(second, readings) == 3, "\(second)")
        #expect(abs((Self.value(second, seconds) ?? -1) - 0.25) < 1e-9, "\(second)")
    }

    /// The tracker the agent and the agent path share: the same readings give the same figures
    /// through `AgentUnreadableReadings.find` over a whole window.
    @Test func theAgentPathFindsTheSameReadings() {
        let times: [Int64] = [0, 50, 100, 150, 200, 250, 300, 350, 400]
        let values: [Double?] = [nil, 0, 1, nil, nil, 4, nil, 6, nil]
        let samples = AgentSamples(channels: [.init(name: "rapl.package-0", unit: "J")],
                                   rows: zip(times, values).map { .init(timeUnixNanoseconds: $0 * 1_000_000, values: [$1]) })
        // 2 + 1 readings; 150 + 100 ms.
        #expect(AgentUnreadableReadings.find(samples, channel: "rapl.package-0", start: 0, end: 400_000_000)
                == .init(count: 3, uncoveredNanoseconds: 250_000_000))
    }
}
