import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCluster
@testable import EcobenchAgent

/// The agent stores a polled meter's readings at the times they were taken, like a local run,
/// so the cluster side integrates them with the same window integral.
@Suite struct AgentPolledReadingsTests {
    /// A polled probe whose readings are given (no BMC here): 0, 50, 100 J at 0.5 s spacing.
    final class GivenReadings: PolledProbe, @unchecked Sendable {
        let channels = [SourceDescriptor(name: "redfish.bmc.1U.energy", kind: .measured, unit: "J", semantics: .counter,
                                         scope: .node, path: "given", energyRole: .wall)]
        let lock = NSLock()
        var pending: [PolledReading]
        init(startSeconds: Double) {
            pending = [0.0, 50, 100].enumerated().map {
                PolledReading(channel: 0, seconds: startSeconds + 0.5 * Double($0.offset), value: $0.element)
            }
        }
        var gaps: [PolledEnergyGap] { [] }
        func read(into values: UnsafeMutableBufferPointer<Double>) throws { values[0] = 100 }
        func drainReadings() -> [PolledReading] {
            lock.withLock {
                defer { pending.removeAll() }
                return pending
            }
        }
        func stop() {}
    }

    @Test func readingsAreStoredAtTheirOwnTimesNotAtTicks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 1000)
        let probe = GivenReadings(startSeconds: Double(MonotonicClock.nowNanoseconds()) / 1e9)
        let collector = try AgentCollector(probes: [probe], buffer: buffer, intervalNanoseconds: 100_000_000)
        collector.start()
        Thread.sleep(forTimeInterval: 0.3)
        collector.stop()
        let range = try buffer.samples(fromUnixNanoseconds: .min, toUnixNanoseconds: .max, limit: 100)
        // Only the three readings: the sampler's ticks carry no copy of the polled counter.
        #expect(range.rows.count == 3)
        #expect(range.rows.map { $0.values.first ?? nil } == [0, 50, 100])
        let times = range.rows.map(\.timeUnixNanoseconds)
        #expect(zip(times.dropFirst(), times).allSatisfy { abs(($0 - $1) - 500_000_000) <= 1 })
        // The cluster side's window integral: 1/4 s to 3/4 s after the first reading: 50 J.
        let points = range.rows.compactMap { row in row.values[0].map { (t: row.timeUnixNanoseconds, value: $0) } }
        let window = AgentWindowIntegral.integrate(points, start: times[0] + 250_000_000, end: times[0] + 750_000_000)
        #expect(abs((window.delta ?? 0) - 50) < 1e-9 && window.coverage == 1)
        #expect(collector.current().values == [100])
        // `/samples` names the channel polled, and the controller's decoder keeps it.
        let json = try collector.samplesJSON(fromUnixNanoseconds: .min, toUnixNanoseconds: .max, limit: 100)
        #expect(json.contains("\"polled\":[\"redfish.bmc.1U.energy\"]"), "\(json)")
        let decoded = try AgentSamplesDecoder.samples(Data(json.utf8))
        #expect(decoded.channels.map(\.polled) == [true])
    }
}
