import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

/// Source choice against sushy-static serving DMTF's own mockups (testdata/redfish/dmtf-*,
/// BSD-3-Clause, SOURCE.md) and a constructed two-node BMC (twonode-cpusensors/README.md).
@Suite("Redfish source choice against DMTF mockups")  // `make test` installs sushy-tools
struct RedfishSchemaFixtureTests {
    private func probe(_ server: RedfishTestServer, referenceSeconds: Double? = nil,
                       clock: ManualClock = ManualClock()) throws -> RedfishProbe {
        let client = try RedfishClient(url: try server.url(), credentials: nil)
        let result = try RedfishDiscovery(client: client, referenceSeconds: referenceSeconds).discover()
        return try RedfishProbe(client: client, discovery: result, pollIntervalSeconds: 1, clock: clock.function,
                                startPolling: false)
    }

    private func values(_ probe: RedfishProbe) throws -> [Double] {
        var values = [Double](repeating: .nan, count: probe.channels.count)
        try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
        return values
    }

    private func replace(_ pattern: String, with text: String, in file: URL) throws {
        let body = try String(contentsOf: file, encoding: .utf8)
        try body.replacingOccurrences(of: pattern, with: text, options: .regularExpression)
            .write(to: file, atomically: true, encoding: .utf8)
    }

    /// DMTF public-rackmount1: `Sensors/TotalEnergy` counts whole kWh (325675) beside 344 W in
    /// `PowerControl`: one step 3.6e6 J against 0.5 % × 344 W × 10 s = 17.2 J: the watts.
    @Test func rackmountWholeKilowattHourCounterLosesToWatts() throws {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/dmtf-rackmount1"))
        defer { server.stop() }
        let probe = try probe(server)
        let wall = try #require(probe.channels.first { $0.energyRole == .wall })
        #expect(probe.channels.filter { $0.energyRole == .wall }.map(\.name) == ["redfish.\(server.hostLabel).1U.energy"])
        #expect(wall.path.hasSuffix("/redfish/v1/Chassis/1U/Power#/PowerControl/0/PowerConsumedWatts"))
        #expect(wall.model?.contains("Sensor TotalEnergy counter not used: one step 3600000 J (325675 shows 0 decimals) "
                                     + "> 0.5 % of 344 W × 10 s = 17.2 J") == true, "\(wall.model ?? "")")
        // `Sensors/PS1InputPower` (PhysicalContext PowerSupply, sub-context Input, 374 W) is one supply's
        // share: found, never the wall.
        #expect(probe.discovery.readings.contains {
            $0.resourceURI.hasSuffix("/PS1InputPower") && $0.physicalContext == "PowerSupply"
        })
        #expect(!probe.sources.contains { $0.resourceURI.hasSuffix("/PS1InputPower") })
        // `Sensors/TotalPower` states "Accuracy": 0.2 (percent); `EnvironmentMetrics.PowerWatts` names it as
        // its DataSourceUri and takes it. The wall chosen, `PowerControl`, states none: no meter contribution.
        let totalPower = "/redfish/v1/Chassis/1U/Sensors/TotalPower"
        #expect(probe.discovery.readings.first { $0.resourceURI == totalPower }?.accuracy?.percent == 0.2)
        #expect(probe.discovery.readings.first { $0.jsonPointer == "/PowerWatts/Reading" }?.accuracy
                == RedfishAccuracy(percent: 0.2, sensorURI: totalPower))
        #expect(wall.relativeUncertainty == nil && wall.uncertaintyBasis == nil)
    }

    /// DMTF public-pdu: the rack PDU's `Metrics` give `EnergykWh` 56438 (whole kWh) beside
    /// `PowerWatts` 6438 W: 3.6e6 J > 0.5 % × 6438 W × 10 s = 321.9 J: the watts. A PDU feeds the
    /// rack, not this node: no wall role.
    @Test func rackPDUWholeKilowattHourCounterLosesToWatts() throws {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/dmtf-pdu"))
        defer { server.stop() }
        let probe = try probe(server)
        #expect(probe.channels.map(\.name) == ["redfish.\(server.hostLabel).rackpdu-1.energy"])
        #expect(probe.sources.first?.jsonPointer == "/PowerWatts/Reading" && probe.channels.first?.energyRole == nil)
        #expect(probe.channels.first?.model?.contains("EnergykWh counter not used: one step 3600000 J (56438 shows 0 "
                                                      + "decimals) > 0.5 % of 6438 W × 10 s = 321.9 J") == true)
    }

    /// Two blade nodes behind one BMC, each 240 W in `PowerControl`, each with a CPU sensor
    /// without context (23 W, 22 W): two wall channels, two separate nodes; over 10 s each
    /// channel holds 240 W × 10 s = 2400 J (not 45 W, not 480 W).
    @Test func twoNodesWithContextlessCPUSensors() throws {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/twonode-cpusensors"))
        defer { server.stop() }
        let clock = ManualClock()
        let probe = try probe(server, clock: clock)
        let host = server.hostLabel
        #expect(probe.channels.map(\.name) == ["redfish.\(host).Node1.energy", "redfish.\(host).Node2.energy"])
        #expect(probe.sources.allSatisfy { $0.jsonPointer == "/PowerControl/0/PowerConsumedWatts" })
        #expect(probe.discovery.readings.filter { $0.what == .sensor }.count == 3)
        let candidates = NodeEnergySelection.candidates(from: probe.channels)
        #expect(candidates.map(\.channels) == [["redfish.\(host).Node1.energy"], ["redfish.\(host).Node2.energy"]])
        probe.pollNow()
        clock.now = 10
        probe.pollNow()
        #expect(try values(probe) == [2400, 2400])
    }

    /// Done-when of issue 11: a 0.001 kWh counter beside 150 W watts gives 150 W ± 3 %.
    /// The counter advances one step when 150 W × t reaches 3600 J, at t = 24 s. Over a 30 s phase:
    /// watts 150 W × 30 s = 4500 J (150 W); the counter would give 0.001 kWh = 3600 J (120 W, −20 %).
    @Test func milliKilowattHourCounterBesideWattsGivesTheWatts() throws {
        let tree = try RedfishTestServer.copyFixture("modern")
        defer { try? FileManager.default.removeItem(at: tree) }
        let metrics = tree.appendingPathComponent("Chassis/Node0/EnvironmentMetrics/index.json")
        let sensor = tree.appendingPathComponent("Chassis/Node0/Sensors/TotalEnergy/index.json")
        try replace("318\\.5", with: "150", in: metrics)
        try replace("318\\.5", with: "150", in: tree.appendingPathComponent("Chassis/Node0/Sensors/TotalPower/index.json"))
        for file in [metrics, sensor] { try replace("1234\\.5678", with: "1234.567", in: file) }
        let server = try RedfishTestServer(sushyMockup: tree.path)
        defer { server.stop() }
        let clock = ManualClock()
        let phase = try probe(server, referenceSeconds: 30, clock: clock)
        let longPhase = try probe(server, referenceSeconds: 5000, clock: clock)  // 0.5 % × 150 W × 5000 s = 3750 J ≥ 3600 J
        #expect(phase.sources[0].unit == .watts && phase.sources[0].jsonPointer == "/PowerWatts/Reading")
        #expect(longPhase.sources[0].unit == .kilowattHours)
        for second in 0...30 {
            if second == 24 { for file in [metrics, sensor] { try replace("1234\\.567", with: "1234.568", in: file) } }
            clock.now = Double(second)
            phase.pollNow()
            longPhase.pollNow()
        }
        let watts = try values(phase)[0] / 30
        #expect(abs(watts - 150) <= 0.03 * 150, "\(watts) W")
        #expect(abs(try values(longPhase)[0] - 3600) < 1e-3)
    }
}
