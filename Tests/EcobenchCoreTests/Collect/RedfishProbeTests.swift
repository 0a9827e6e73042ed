import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

/// The probe's integration and gaps, against sushy-static serving a copy of a fixture that
/// the test rewrites between polls (sushy-static re-reads files on every GET, no cache).
@Suite("Redfish probe: integration, gaps, background polling")  // `make test` installs sushy-tools
struct RedfishProbeTests {
    private func setPower(_ watts: String, in tree: URL) throws {
        let file = tree.appendingPathComponent("Chassis/1U/Power/index.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        let replaced = text.replacingOccurrences(of: #""PowerConsumedWatts": [^,\n]+"#,
                                                 with: "\"PowerConsumedWatts\": \(watts)", options: .regularExpression)
        try replaced.write(to: file, atomically: true, encoding: .utf8)
    }

    private func values(_ probe: RedfishProbe) throws -> [Double] {
        var values = [Double](repeating: .nan, count: probe.channels.count)
        try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
        return values
    }

    @Test func integratesAChangingReadingAndInterpolatesAcrossAGap() throws {
        let rig = try ManualRedfishRig(fixture: "classic")
        let (tree, clock, probe) = (rig.tree, rig.clock, rig.probe)
        defer { withExtendedLifetime(rig) {} }  // the server lives to the end of the test
        let name = "redfish.\(rig.server.hostLabel).1U.energy"
        // (t, W): hand trapezoid 0–3 s: 100 + 150 + 200 = 450 J; t=4 malformed (gap from 3 to 5:
        // held, then the power interpolated across it, (200 + 300)/2 × 2 = 500 → 950 J);
        // 5–6 s at 300 W: +300 J → 1250 J.
        let steps: [(Double, String)] = [(0, "100"), (1, "100"), (2, "200"), (3, "200"), (4, "{oops"), (5, "300"), (6, "300")]
        var seen: [Double] = []
        for (seconds, watts) in steps {
            try setPower(watts, in: tree)
            clock.now = seconds
            probe.pollNow()
            seen.append(try values(probe)[0])
        }
        #expect(seen == [0, 100, 250, 450, 450, 950, 1250])
        let gaps = probe.gaps.filter { $0.channel == name }
        #expect(gaps == [PolledEnergyGap(channel: name, startSeconds: 3, endSeconds: 5,
                                         reason: gaps.first?.reason ?? "", failedPolls: 1)])
        #expect(gaps.first?.reason.contains("malformed JSON") == true)
        #expect(probe.lastErrors[name]?.contains("/redfish/v1/Chassis/1U/Power") == true)
    }

    @Test func kilowattHourCounterBecomesJoules() throws {
        // A 600 s shortest phase: one step 0.0001 kWh = 360 J ≤ 0.5 % × 318.5 W × 600 s = 955.5 J: the counter.
        let rig = try ManualRedfishRig(fixture: "modern", referenceSeconds: 600)
        let (tree, clock, probe) = (rig.tree, rig.clock, rig.probe)
        defer { withExtendedLifetime(rig) {} }  // the server lives to the end of the test
        probe.pollNow()
        let file = tree.appendingPathComponent("Chassis/Node0/EnvironmentMetrics/index.json")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "1234.5678", with: "1234.5698").write(to: file, atomically: true, encoding: .utf8)
        clock.now = 10
        probe.pollNow()
        let joules = try values(probe)[0]
        #expect(abs(joules - 0.002 * 3.6e6) < 1e-3)  // 0.002 kWh = 7200 J
    }

    /// A Sensor that states its ReadingTime: a poll that finds the same time (and value) is the
    /// BMC's old reading, not a new one; a new time is a new reading even with the same value.
    /// Polls at 0, 1 s (unchanged), 2 s (new time, same 200 W), 3 s (new time, 300 W): the new
    /// readings are at 0, 2 and 3 s, and the counter is 200 W × 2 s + (200 + 300)/2 × 1 s = 650 J.
    @Test func aSensorsReadingTimeTellsANewReadingFromARepeat() throws {
        let rig = try ManualRedfishRig(fixture: "sensor-readingtime")
        let (tree, clock, probe) = (rig.tree, rig.clock, rig.probe)
        defer { withExtendedLifetime(rig) {} }  // the server lives to the end of the test
        #expect(probe.sources.first?.jsonPointer == "/Reading")
        let file = tree.appendingPathComponent("Chassis/Node0/Sensors/TotalPower/index.json")
        let original = try String(contentsOf: file, encoding: .utf8)
        let steps: [(Double, String, String)] = [(0, "200", "00:00:00"), (1, "200", "00:00:00"),
                                                 (2, "200", "00:00:02"), (3, "300", "00:00:03")]
        var readings: [PolledReading] = []
        for (seconds, watts, time) in steps {
            try original.replacingOccurrences(of: "\"Reading\": 200", with: "\"Reading\": \(watts)")
                .replacingOccurrences(of: "00:00:00Z", with: time + "Z")
                .write(to: file, atomically: true, encoding: .utf8)
            clock.now = seconds
            probe.pollNow()
            readings += probe.drainReadings()
        }
        #expect(readings.map(\.seconds) == [0, 2, 3])
        #expect(abs((readings.last?.value ?? 0) - 650) < 1e-9)
    }

    @Test func backgroundPollingNeverBlocksTheSampler() throws {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/classic"))
        defer { server.stop() }
        let probe = try RedfishProbe(url: try server.url(), credentials: nil, pollIntervalSeconds: 0.2)
        defer { probe.stop() }
        let started = Date()
        Thread.sleep(forTimeInterval: 1.3)
        let before = Date()
        let values = try values(probe)
        let readSeconds = Date().timeIntervalSince(before)
        #expect(readSeconds < 0.01)
        // 250 W for (at most) the time since the first poll; at least four 0.2 s intervals.
        let elapsed = Date().timeIntervalSince(started)
        #expect(values[0] >= 250 * 0.8 - 1e-9 && values[0] <= 250 * elapsed + 1e-9)
        #expect(values[1] >= 130 * 0.8 - 1e-9)
        #expect(probe.gaps.isEmpty)
    }
}
