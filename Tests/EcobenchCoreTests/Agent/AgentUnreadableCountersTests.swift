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

    /// The same readings by cause category (`ecobench_agent_unreadable_readings_total{channel,
    /// cause}`): a reading's category is the one of the sampler's stretch holding its time, added
    /// with the run that closes it.
    @Test func unreadableReadingsAreCountedByCauseCategory() throws {
        var counters = AgentUnreadableCounters()
        let channel = "rapl.package-0"
        // Valued at 0 ms; unreadable at 50 ms (permission denied, 50–100 ms), 100 and 150 ms (a
        // reset, from 100 ms, still open when noted), 200 ms without a stretch (other); valued at
        // 250 ms: one run of 4 readings, 250 ms uncovered: permission denied 1, reset 2, other 1.
        counters.note(gaps: [AgentWire.Gap(source: channel, fromUnixNanoseconds: 50_000_000, toUnixNanoseconds: 100_000_000,
                                           reason: "permission denied: /sys/x/energy_uj"),
                             AgentWire.Gap(source: channel, fromUnixNanoseconds: 100_000_000, toUnixNanoseconds: nil,
                                           reason: "reset: /sys/x/energy_uj went back from 9 µJ to 1 µJ (…)")])
        counters.observe(channel: channel, timeNanoseconds: 0, value: 1)
        counters.observe(channel: channel, timeNanoseconds: 50_000_000, value: .nan)
        counters.observe(channel: channel, timeNanoseconds: 100_000_000, value: .nan)
        counters.observe(channel: channel, timeNanoseconds: 150_000_000, value: .nan)
        // The reset stretch ends at 200 ms (noted before the 200 ms reading, as the collector does).
        counters.note(gaps: [AgentWire.Gap(source: channel, fromUnixNanoseconds: 100_000_000, toUnixNanoseconds: 200_000_000,
                                           reason: "reset: /sys/x/energy_uj went back from 9 µJ to 1 µJ (…)")])
        counters.observe(channel: channel, timeNanoseconds: 200_000_000, value: .nan)
        #expect(counters.totals[channel]?.readings == 0, "the run is still open")
        counters.observe(channel: channel, timeNanoseconds: 250_000_000, value: 2)
        let totals = try #require(counters.totals[channel])
        #expect(totals.readings == 4 && abs(totals.uncoveredSeconds - 0.25) < 1e-12)
        #expect(totals.byCause == [.permissionDenied: 1, .reset: 2, .other: 1, .vanished: 0, .parseError: 0], "\(totals)")

        // Unreadable before any value (not counted by the tracker): not counted by cause either.
        var fresh = AgentUnreadableCounters()
        fresh.observe(channel: channel, timeNanoseconds: 0, value: .nan)
        fresh.observe(channel: channel, timeNanoseconds: 50_000_000, value: 1)
        #expect(fresh.totals[channel]?.byCause.values.reduce(0, +) == 0)

        // In /metrics: every category of every node energy channel, from 0.
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 10)
        let text = AgentMetrics.render(into: AgentMetricsRegistry(), channels: TwoChannels().channels,
                                       current: (250_000_000, [2, 0]), buffer: buffer, samplerCPUSeconds: 0, version: "t",
                                       unreadable: [channel: totals])
        for (cause, value) in [("permission_denied", 1.0), ("vanished", 0), ("parse_error", 0), ("reset", 2), ("other", 1)] {
            let line = text.split(separator: "\n").first {
                $0.hasPrefix("ecobench_agent_unreadable_readings_total{") && $0.contains("channel=\"\(channel)\"")
                    && $0.contains("cause=\"\(cause)\"")
            }
            #expect(line.flatMap { $0.split(separator: " ").last }.flatMap { Double($0) } == value, "\(text)")
        }
        #expect(text.contains("# TYPE ecobench_agent_unreadable_readings_total counter\n"))
        #expect(!text.contains("channel=\"node.cpu.busy_seconds\""))
    }
}
