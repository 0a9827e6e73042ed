import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench calibrate` against a meter, then a run that uses the profile. This VM has no
/// meter: Tests/tools/fixture_meter.py is a stand-in RAPL psys zone whose energy follows the
/// real CPU load (P = 20 W + 80 W × utilisation).
@Suite(.serialized) struct CalibrateTests {
    @Test func calibrateFitsTheMeterAndARunUsesTheProfile() throws {
        try Exclusive.run {
            let dir = try TemporaryDirectory()
            defer { dir.remove() }
            let meter = try ProjectPython.process([CLI.packageRoot + "/Tests/tools/fixture_meter.py", dir.path + "/sys",
                                                   "20", "80"])
            try meter.run()
            // SIGKILL: the test runner's threads block SIGTERM and children inherit the mask.
            defer { kill(meter.processIdentifier, SIGKILL); meter.waitUntilExit() }
            var waited = 0
            while !FileManager.default.fileExists(atPath: dir.path + "/sys/class/powercap/intel-rapl:0/energy_uj")
                    && waited < 100 {
                usleep(50_000)
                waited += 1
            }
            let profilePath = dir.path + "/profile.json"
            let calibrate = try CLI.run(["calibrate", "--sysfs-root", dir.path + "/sys", "--no-hwmon", "--levels", "0,50,100",
                                         "--settle", "0.5", "--seconds", "2", "--repetitions", "1", "--out", profilePath,
                                         "--quiet"])
            #expect(calibrate.status == 0, "\(calibrate.stderr)")
            let profile = try PowerProfile.load(path: profilePath)
            #expect(profile.points.count == 3)
            #expect(profile.meter.method == "platform meter: rapl.psys")
            for point in profile.points {
                let expected = 20 + 80 * point.utilisation
                #expect(abs(point.powerWatts - expected) < 2 + 0.05 * expected,
                        "at \(point.utilisation): \(point.powerWatts) W, meter law gives \(expected) W")
            }
            #expect(profile.points.last!.utilisation > 0.8)

            // A host without a meter, same hardware: the estimate comes from the profile, named.
            try FileManager.default.createDirectory(atPath: dir.path + "/no-meter", withIntermediateDirectories: true)
            let run = try CLI.run(["run", "Workloads/cpu-stress.yaml", "--power-profile", profilePath, "--sysfs-root",
                                   dir.path + "/no-meter", "--no-hwmon", "--repetitions", "1", "--baseline", "1", "--idle",
                                   "0", "--load", "2", "--cooldown", "0", "--db", dir.path + "/e.db", "--out",
                                   dir.path + "/out", "--quiet"])
            #expect(run.status == 0, "\(run.stderr)")
            let report = try ReportCoding.decoder().decode(
                Report.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/out/run-1/report.json")))
            #expect(report.nodeEnergy.kind == .estimated)
            #expect(report.nodeEnergy.method.contains("host power profile, \(profilePath)"))
            let load = try #require(report.phases.first { $0.name == .load })
            #expect(load.meanPowerW > 50, "a busy load phase on the profile: \(load.meanPowerW) W")
        }
    }

    @Test func calibrateWithoutAMeterSaysSo() throws {
        let result = try CLI.run(["calibrate", "--sysfs-root", "/nonexistent-ecobench", "--no-hwmon", "--seconds", "1"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("needs a measured power source"))
    }

    @Test func inventoryListsThePCIDevicesLspciSees() throws {
        let result = try CLI.run(["inventory", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        let inventory = try ReportCoding.decoder().decode(HardwareInventory.self, from: Data(result.stdout.utf8))
        #expect(inventory.fingerprint.count == 64)
        let lspci = ChildProcess()
        lspci.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        lspci.arguments = ["lspci", "-n"]
        let pipe = Pipe()
        lspci.standardOutput = pipe
        try lspci.run()
        let lines = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .split(separator: "\n")
        lspci.waitUntilExit()
        #expect(inventory.pciDevices.count == lines.count)
        #expect(inventory.pciDevices.allSatisfy { !$0.vendorName.isEmpty })
    }
}
