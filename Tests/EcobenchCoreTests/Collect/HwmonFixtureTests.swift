import EcobenchCore
import Foundation
import Testing

/// libsensors over a fixture sysfs tree in a private mount namespace (root only; see
/// HwmonFixtureRunner). The helper's clock reads 0 s at probe creation, 2 s and 4 s at the ticks.
@Suite("hwmon through libsensors, over a fixture /sys/class/hwmon",
       .enabled(if: HwmonFixtureRunner.canRun, "needs root for a mount namespace (and then fails without unshare(1))"))
struct HwmonFixtureTests {
    let chip = "ecotest-virtual-0"

    @Test func libsensorsScalesToWattsJoulesVoltsAmpsCelsius() throws {
        let out = try HwmonFixtureRunner.run()
        #expect(out.notes.isEmpty)
        #expect(out.reading(.power, "power1")?.value == 12.0)  // 12000000 µW, _average preferred
        #expect(out.reading(.power, "power1")?.subfeatures == ["power1_average"])
        #expect(out.reading(.power, "GPU")?.value == 5.0)      // 5000000 µW, _input only
        #expect(out.reading(.energy, "energy1")?.value == 3600.0)  // 3.6e9 µJ
        #expect(out.reading(.voltage, "VIN")?.value == 12.0)
        #expect(out.reading(.current, "VIN")?.value == 2.5)
        #expect(out.reading(.powerFromVoltageCurrent, "VIN")?.value == 30.0)
        #expect(out.reading(.powerFromVoltageCurrent, "VIN")?.features == ["in0", "curr1"])
        #expect(out.reading(.temperature, "temp1")?.value == 45.5)
        #expect(out.reading(.fan, "fan1")?.value == 1200)
        #expect(out.reading(.energy, "energy1")?.paths == ["/sys/class/hwmon/hwmon0/energy1_input"])
    }

    @Test func channelsPreferEnergyAndIntegratePowerAndVxI() throws {
        let out = try HwmonFixtureRunner.run(arguments: ["--set", "energy1_input=3601500000"])
        #expect(Set(out.channels.map(\.name)) == [
            "hwmon.\(chip).energy1.energy", "hwmon.\(chip).GPU.energy", "hwmon.\(chip).VIN.energy",
            "hwmon.\(chip).temp1.temp_celsius", "hwmon.\(chip).fan1.fan_rpm",
        ])  // power1 is covered by energy1 (same number, both unlabelled)
        #expect(out.values("hwmon.\(chip).energy1.energy") == [0, 1.5])
        #expect(out.values("hwmon.\(chip).GPU.energy") == [10, 20])  // 5 W × 2 s, × 4 s
        #expect(out.values("hwmon.\(chip).VIN.energy") == [60, 120])  // 12 V × 2.5 A
        #expect(out.values("hwmon.\(chip).temp1.temp_celsius") == [45.5, 45.5])
        #expect(out.values("hwmon.\(chip).fan1.fan_rpm") == [1200, 1200])
        let gpu = try #require(out.channels.first { $0.name == "hwmon.\(chip).GPU.energy" })
        #expect(gpu.unit == "J" && gpu.semantics == .counter && gpu.kind == .measured)
        #expect(gpu.energyRole == nil && gpu.model?.contains("integrated from power readings") == true)
        let vxi = try #require(out.channels.first { $0.name == "hwmon.\(chip).VIN.energy" })
        #expect(vxi.model?.contains("V×I") == true)
        let temp = try #require(out.channels.first { $0.name.hasSuffix("temp_celsius") })
        #expect(temp.unit == "Cel" && temp.semantics == .gauge)
        let energy = try #require(out.channels.first { $0.name == "hwmon.\(chip).energy1.energy" })
        #expect(energy.model == nil && energy.path == "/sys/class/hwmon/hwmon0/energy1_input")
    }

    @Test func aVanishedFeatureIsAGapAndTheRestGoesOn() throws {
        let out = try HwmonFixtureRunner.run(arguments: ["--remove", "power2_input",
                                                         "--remove", "temp1_input"])
        let gpu = try #require(out.values("hwmon.\(chip).GPU.energy"))
        #expect(gpu[0] == 10 && gpu[1].isNaN)
        let temp = try #require(out.values("hwmon.\(chip).temp1.temp_celsius"))
        #expect(temp[0] == 45.5 && temp[1].isNaN)
        #expect(out.values("hwmon.\(chip).VIN.energy") == [60, 120])
        // The cause names the deleted file (libsensors says only "cannot read"; the probe looks).
        #expect(out.failures("hwmon.\(chip).GPU.energy") == [nil, "vanished: /sys/class/hwmon/hwmon0/power2_input"])
        #expect(out.failures("hwmon.\(chip).temp1.temp_celsius")
            == [nil, "vanished: /sys/class/hwmon/hwmon0/temp1_input"])
    }

    @Test func garbageInAFeatureIsAGapThatQuotesIt() throws {
        let out = try HwmonFixtureRunner.run(arguments: ["--set", "temp1_input=garbage"])
        #expect(out.values("hwmon.\(chip).temp1.temp_celsius")?.last?.isNaN == true)
        #expect(out.failures("hwmon.\(chip).temp1.temp_celsius")
            == [nil, "parse error: /sys/class/hwmon/hwmon0/temp1_input: 'garbage'"])
    }

    @Test func anEnergyCounterGoingBackIsAResetGap() throws {
        // 3 600 000 000 µJ → 1 000 000 µJ: libsensors gives 3600 J, then 1 J.
        let out = try HwmonFixtureRunner.run(arguments: ["--set", "energy1_input=1000000"])
        #expect(out.values("hwmon.\(chip).energy1.energy")?.last?.isNaN == true)
        #expect(out.failures("hwmon.\(chip).energy1.energy") == [nil,
            "reset: /sys/class/hwmon/hwmon0/energy1_input went back from 3600 J to 1 J (no plausible wrap; counted on from the new value)"])
    }

    @Test func configurationLabelsIgnoresAndComputes() throws {
        let config = """
            chip "ecotest-*"
                label power1 "PSU input"
                ignore temp1
                compute fan1 @*2, @/2
            """
        let out = try HwmonFixtureRunner.run(config: config)
        #expect(out.reading(.power, "PSU input")?.value == 12.0)
        #expect(!out.readings.contains { $0.quantity == .temperature })
        #expect(out.reading(.fan, "fan1")?.value == 2400)
        // Explicit label on power1, none on energy1: not the same sensor any more.
        #expect(out.channels.contains { $0.name == "hwmon.\(chip).PSU_input.energy" })
        #expect(!out.channels.contains { $0.name.hasSuffix("temp_celsius") })
        #expect(out.values("hwmon.\(chip).PSU_input.energy") == [24, 48])
    }

    @Test func anUnreadableConfigurationLeavesNoProbeAndANote() throws {
        let out = try HwmonFixtureRunner.run(arguments: ["--config", "/nonexistent/sensors3.conf"])
        #expect(out.channels.isEmpty && out.readings.isEmpty)
        #expect(out.notes.count == 1 && out.notes[0].contains("/nonexistent/sensors3.conf"))
    }
}
