import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect

/// DCMI parsing on recorded outputs (testdata/ipmi) and the probe against
/// testdata/ipmi/fake-ipmitool.sh, a stand-in for ipmitool (no BMC exists here).
@Suite("IPMI DCMI power reading")
struct IPMITests {
    private func parse(_ file: String) throws -> IPMIPowerReading {
        try IPMIPowerReading.parse(ipmitoolOutput: String(contentsOfFile: Fixtures.path("ipmi/\(file)"), encoding: .utf8))
    }

    @Test func ipmitoolOutputsOfSeveralVendors() throws {
        let dell = try parse("ipmitool-dell.txt")
        #expect(dell == IPMIPowerReading(tool: .ipmitool, instantaneousWatts: 220, minimumWatts: 12, maximumWatts: 556,
                                         averageWatts: 216, bmcTimestamp: "Thu Jan  1 00:15:32 1970",
                                         samplingPeriodSeconds: 1))
        let supermicro = try parse("ipmitool-supermicro.txt")
        #expect(supermicro.instantaneousWatts == 143 && supermicro.samplingPeriodSeconds == 5)
        let tabs = try parse("ipmitool-tabs-unknown-lines.txt")
        #expect(tabs.instantaneousWatts == 87.5 && tabs.averageWatts == 86 && tabs.samplingPeriodSeconds == 60)
    }

    @Test func freeIPMIOutputs() throws {
        let generic = try parse("freeipmi-generic.txt")
        #expect(generic == IPMIPowerReading(tool: .freeIPMI, instantaneousWatts: 148, minimumWatts: 4, maximumWatts: 390,
                                            averageWatts: 151, bmcTimestamp: "10/09/2018 - 10:38:30",
                                            samplingPeriodSeconds: 1))
        let lenovo = try IPMIPowerReading.parse(freeIPMIOutput: String(
            contentsOfFile: Fixtures.path("ipmi/freeipmi-lenovo.txt"), encoding: .utf8))
        #expect(lenovo.instantaneousWatts == 305 && lenovo.samplingPeriodSeconds == 60)
    }

    @Test func deactivatedAndBrokenOutputsAreTypedErrors() throws {
        #expect(throws: IPMIError.readingDeactivated(line: "Power reading state is:                   deactivated")) {
            try parse("ipmitool-deactivated.txt")
        }
        #expect(throws: IPMIError.readingDeactivated(line: "Power Measurement                    : Not Available")) {
            try parse("freeipmi-not-available.txt")
        }
        #expect(throws: IPMIError.missingNumber(line: "Instantaneous power reading:                   Watts")) {
            try parse("ipmitool-missing-number.txt")
        }
        #expect(throws: IPMIError.noPowerReading(outputStart: "Could not open device at /dev/ipmi0")) {
            try IPMIPowerReading.parse(ipmitoolOutput: "Could not open device at /dev/ipmi0\n")
        }
        let text = IPMIError.missingNumber(line: "Current Power : n/a").description
        #expect(text == "DCMI output line without a number: \"Current Power : n/a\"")
    }

    @Test func probeIntegratesTheFakeCommandAndRecordsGaps() throws {
        let wattsFile = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-ipmi-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: wattsFile) }
        let clock = ManualClock()
        let probe = try IPMIProbe(command: [Fixtures.path("ipmi/fake-ipmitool.sh"), wattsFile.path], pollIntervalSeconds: 1,
                                  commandTimeoutSeconds: 0.5, clock: clock.function, startPolling: false)
        #expect(probe.channels.map(\.name) == ["ipmi.dcmi.energy"])
        #expect(probe.channels[0].energyRole == .wall && probe.channels[0].kind == .measured)
        #expect(probe.channels[0].model?.hasPrefix("integrated from DCMI instantaneous power") == true)
        // (t, W): 0–2 s 100→200 W: 100 + 150 = 250 J; t=3 fails, t=4 hangs (killed): gap 2–5,
        // the counter held until the next reading, then the power interpolated across the gap
        // (the one gap rule): (200 + 300)/2 × 3 = 750 → 1000 J; 5–6 s at 300 W: +300 → 1300 J.
        var seen: [Double] = []
        for (seconds, watts) in [(0.0, "100"), (1, "100"), (2, "200"), (3, "fail"), (4, "sleep"), (5, "300"), (6, "300")] {
            try watts.write(to: wattsFile, atomically: true, encoding: .utf8)
            clock.now = seconds
            probe.pollNow()
            var value = [Double.nan]
            try value.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
            seen.append(value[0])
        }
        #expect(seen == [0, 100, 250, 250, 250, 1000, 1300])
        let gaps = probe.gaps
        #expect(gaps.count == 1 && gaps.first?.startSeconds == 2 && gaps.first?.endSeconds == 5)
        #expect(gaps.first?.failedPolls == 2)
        #expect(gaps.first?.reason.contains("exited with status 1: Error: Unable to establish IPMI v2") == true)
        #expect(probe.latestReading?.instantaneousWatts == 300)
    }

    @Test func missingToolIsReportedAtInit() throws {
        #expect(throws: IPMIError.commandNotRunnable(command: "no-such-ipmitool dcmi power reading",
                                                     reason: "no-such-ipmitool not found on PATH")) {
            try IPMIProbe(command: ["no-such-ipmitool", "dcmi", "power", "reading"])
        }
    }
}
