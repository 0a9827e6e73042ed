import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

/// Discovery and channel choice against sushy-static serving the mockups in testdata/redfish.
/// Needs python3 + sushy-tools (`pip install sushy-tools`).
@Suite("Redfish discovery against sushy-static")  // `make test` installs sushy-tools
struct RedfishDiscoveryTests {
    private func probe(_ fixture: String) throws -> (RedfishTestServer, RedfishProbe) {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/\(fixture)"))
        let client = try RedfishClient(url: try server.url(), credentials: nil)
        let result = try RedfishDiscovery(client: client).discover()
        let probe = try RedfishProbe(client: client, discovery: result, pollIntervalSeconds: 1,
                                     clock: ManualClock().function, startPolling: false)
        return (server, probe)
    }

    @Test func classicPowerGivesChassisAndTwoPSUChannels() throws {
        let (server, probe) = try probe("classic")
        defer { server.stop() }
        let host = server.hostLabel
        #expect(probe.discovery.readings.count == 5)  // PowerControl + 2 × (input, output)
        #expect(probe.channels.map(\.name) == ["redfish.\(host).1U.energy", "redfish.\(host).1U.psu0.energy",
                                               "redfish.\(host).1U.psu1.energy"])
        let chassis = probe.channels[0]
        #expect(chassis.energyRole == .wall && chassis.kind == .measured && chassis.unit == "J")
        #expect(chassis.semantics == .counter && chassis.scope == .node)
        #expect(chassis.path == "http://\(host)/redfish/v1/Chassis/1U/Power#/PowerControl/0/PowerConsumedWatts")
        #expect(chassis.model?.contains("integrated from Redfish PowerConsumedWatts") == true)
        #expect(chassis.model?.contains("plain HTTP, no TLS") == true)
        #expect(probe.channels[1].path.hasSuffix("#/PowerSupplies/0/PowerInputWatts"))
        #expect(probe.channels[1].energyRole == nil)
        #expect(probe.discovery.readings.contains { $0.what == .psuOutput && $0.psuIndex == 1 })
    }

    /// The modern fixture's counters are too coarse for a 10 s phase (default reference):
    /// EnergykWh 1234.5678 → one step 0.0001 kWh = 360 J > 0.5 % × 318.5 W × 10 s = 15.925 J;
    /// the PSU's 12.5 kWh → 0.1 kWh = 360 kJ. The watts readings are integrated instead.
    @Test func newerSchemaUsesWattsWhereTheCounterIsCoarse() throws {
        let (server, probe) = try probe("modern")
        defer { server.stop() }
        let host = server.hostLabel
        #expect(probe.channels.map(\.name) == ["redfish.\(host).Node0.energy", "redfish.\(host).Node0.psu0.energy",
                                               "redfish.\(host).Node0.psu1.energy"])
        #expect(probe.sources[0].resourceURI == "/redfish/v1/Chassis/Node0/EnvironmentMetrics")
        #expect(probe.sources[0].jsonPointer == "/PowerWatts/Reading" && probe.sources[0].unit == .watts)
        #expect(probe.sources[1].resourceURI == "/redfish/v1/Chassis/Node0/PowerSubsystem/PowerSupplies/PSU0/Metrics")
        #expect(probe.sources[1].jsonPointer == "/InputPowerWatts/Reading")
        #expect(probe.channels[0].model?.contains("EnergykWh counter not used: one step 360 J (1234.5678 shows 4 decimals) "
                                                  + "> 0.5 % of 318.5 W × 10 s = 15.925 J") == true)
        let sensors = probe.discovery.readings.filter { $0.what == .sensor }
        #expect(Set(sensors.map(\.name)) == ["TotalPower", "TotalEnergy", "CPU0Power"])  // not the temperature
        #expect(sensors.first { $0.name == "CPU0Power" }?.physicalContext == "CPU")
        #expect(probe.discovery.readings.contains { $0.what == .psuOutput && $0.jsonPointer == "/OutputPowerWatts/Reading" })
    }

    @Test func severalChassisAndAPowerShelf() throws {
        let (server, probe) = try probe("multichassis")
        defer { server.stop() }
        let host = server.hostLabel
        #expect(probe.channels.map(\.name) == [
            "redfish.\(host).Blade1.energy", "redfish.\(host).Blade1.psu0.energy", "redfish.\(host).Blade1.psu1.energy",
            "redfish.\(host).Blade2.energy", "redfish.\(host).powershelf-1.energy",
        ])
        #expect(probe.sources[3].jsonPointer == "/PowerWatts/Reading")
        // EnergykWh 88123.4 steps 0.1 kWh = 360 kJ > 0.5 % × 5120 W × 10 s = 256 J: the watts.
        #expect(probe.sources[4].what == .powerShelf && probe.sources[4].unit == .watts)
        #expect(probe.channels[4].energyRole == nil)  // a shelf feeds the whole rack, not this node
        #expect(!probe.discovery.readings.contains { $0.chassisID == "Enclosure" })
    }

    @Test func malformedPowerResourceIsSkippedWithANote() throws {
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/malformed"))
        defer { server.stop() }
        let client = try RedfishClient(url: try server.url(), credentials: nil)
        let result = try RedfishDiscovery(client: client).discover()
        #expect(result.readings.isEmpty)
        #expect(result.notes.count == 1)
        #expect(result.notes.first?.contains("malformed JSON: body of /redfish/v1/Chassis/1U/Power is not valid JSON") == true)
        #expect(throws: RedfishError.noPowerReadings(url: "http://\(server.hostLabel)/redfish/v1")) {
            try RedfishProbe(client: client, discovery: result, pollIntervalSeconds: 1)
        }
    }

    @Test func nullAndNonNumericReadingsBecomeGapsNotValues() throws {
        let (server, probe) = try probe("nullreading")
        defer { server.stop() }
        probe.pollNow()
        let errors = probe.lastErrors
        let host = server.hostLabel
        #expect(errors["redfish.\(host).1U.energy"]?.contains("#/PowerControl/0/PowerConsumedWatts: reading is null") == true)
        #expect(errors["redfish.\(host).1U.psu1.energy"]?.contains("/PowerSupplies/1/PowerInputWatts is a string") == true)
        #expect(errors["redfish.\(host).1U.psu0.energy"] == nil)
        #expect(probe.gaps.count == 2 && probe.gaps.allSatisfy { $0.endSeconds == nil })
        var values = [Double](repeating: .nan, count: probe.channels.count)
        try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
        #expect(values == [0, 0, 0])
    }
}
