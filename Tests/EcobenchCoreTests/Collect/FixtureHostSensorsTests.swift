import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench sensors --json` on a fixture host with every kind of meter at once: RAPL (a fixture
/// sysfs root), hwmon through libsensors (a fixture chip mounted over /sys/class in a private
/// mount namespace: needs root and unshare, as CI has), a Redfish BMC (sushy-static on
/// loopback) and an IPMI reading (fake-ipmitool.sh, a stand-in: no BMC exists here).
@Suite("Sensors on a fixture host", .enabled(if: HwmonFixtureRunner.canRun, "needs root (and then fails without unshare(1))"))
struct FixtureHostSensorsTests {
    struct Listing: Decodable {
        var sources: [SourceDescriptor]
        var nodeEnergy: String?
        var notes: [String]
    }

    @Test func listsRAPLHwmonRedfishAndIPMIWithKindAndUnit() throws {
        let temp = try TemporaryDirectory("fixture-host")
        defer { temp.remove() }
        let chip = temp.path + "/hwmon0"
        try FileManager.default.createDirectory(atPath: chip, withIntermediateDirectories: true)
        for (file, value) in HwmonFixtureRunner.fixture {
            try (value + "\n").write(toFile: chip + "/" + file, atomically: true, encoding: .utf8)
        }
        try "230\n".write(toFile: temp.path + "/ipmi-watts", atomically: true, encoding: .utf8)
        let server = try RedfishTestServer(sushyMockup: Fixtures.path("redfish/classic"))
        defer { server.stop() }

        let script = "mount -t tmpfs ecobench-test /sys/class && mkdir /sys/class/hwmon"
            + " && cp -r \"$1\" /sys/class/hwmon/ && shift && exec \"$@\""
        let process = ChildProcess()
        process.executableURL = try HwmonFixtureRunner.unshare()
        process.arguments = ["-m", "sh", "-c", script, "sh", chip, CLI.executable, "sensors", "--json",
                             "--sysfs-root", Fixtures.path("intel-2s/sys"), "--redfish", try server.url().absoluteString,
                             "--ipmi-command", Fixtures.path("ipmi/fake-ipmitool.sh") + " " + temp.path + "/ipmi-watts"]
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(errors)")
        let listing = try ReportCoding.decoder().decode(Listing.self, from: data)
        func source(_ name: String) -> SourceDescriptor? { listing.sources.first { $0.name == name } }

        #expect(source("rapl.package-0")?.unit == "J")
        #expect(source("rapl.psys")?.energyRole == .platform)
        let hwmon = listing.sources.filter { $0.name.hasPrefix("hwmon.") }
        #expect(hwmon.contains { $0.unit == "J" && $0.model == nil }, "a direct energy counter")
        #expect(hwmon.contains { $0.unit == "J" && ($0.model ?? "").contains("V×I") }, "a V×I channel")
        #expect(hwmon.contains { $0.unit == "J" && ($0.model ?? "").contains("power readings") }, "an integrated power channel")
        #expect(hwmon.contains { $0.unit == "Cel" } && hwmon.contains { $0.unit == "rpm" })
        let redfish = try #require(listing.sources.first { $0.name == "redfish.\(server.hostLabel).1U.energy" })
        #expect(redfish.kind == .measured && redfish.energyRole == .wall)
        let ipmi = try #require(source("ipmi.dcmi.energy"))
        #expect(ipmi.kind == .measured && ipmi.energyRole == .wall && ipmi.unit == "J")
        #expect(listing.sources.allSatisfy { !$0.unit.isEmpty })
        #expect(!listing.sources.contains { $0.kind == .estimated }, "meters present: no estimate")
        #expect(listing.nodeEnergy?.hasPrefix("measured: wall meter: redfish.") == true)
    }
}
