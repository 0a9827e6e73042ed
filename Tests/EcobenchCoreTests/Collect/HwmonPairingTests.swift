import EcobenchCore
import Foundation
import Testing

/// The pairing and naming rules on hand-made readings (no libsensors needed).
@Suite("hwmon pairing and channel plan")
struct HwmonPairingTests {
    static func reading(_ quantity: HwmonReading.Quantity, _ feature: String, label: String? = nil,
                        value: Double = 1, chip: String = "ina238-i2c-1-40") -> HwmonReading {
        HwmonReading(chip: chip, label: label ?? feature, quantity: quantity, value: value,
                     features: [feature], subfeatures: [feature + "_input"],
                     paths: ["\(chip)/\(feature)_input"], hasExplicitLabel: label != nil)
    }

    @Test func energyCoversPowerWithTheSameNumberOrLabel() {
        let power = Self.reading(.power, "power1")
        #expect(HwmonPairing.isCovered(power, byEnergyIn: [Self.reading(.energy, "energy1")]))
        #expect(!HwmonPairing.isCovered(power, byEnergyIn: [Self.reading(.energy, "energy2")]))
        #expect(!HwmonPairing.isCovered(power, byEnergyIn: [Self.reading(.energy, "energy1", chip: "other")]))
        let psu = Self.reading(.power, "power2", label: "PSU")
        #expect(HwmonPairing.isCovered(psu, byEnergyIn: [Self.reading(.energy, "energy1", label: "PSU")]))
        #expect(!HwmonPairing.isCovered(psu, byEnergyIn: [Self.reading(.energy, "energy2")]))
    }

    @Test func voltageAndCurrentPairByLabelUnlessTheRailHasPower() {
        let v = Self.reading(.voltage, "in1", label: "12V", value: 12)
        let a = Self.reading(.current, "curr3", label: "12V", value: 2)
        let pairs = HwmonPairing.voltageCurrentPairs([v, a])
        #expect(pairs.count == 1 && pairs[0].value == 24 && pairs[0].label == "12V")
        #expect(pairs[0].quantity == .powerFromVoltageCurrent && pairs[0].unit == "W")
        let measured = Self.reading(.power, "power1", label: "12V")
        #expect(HwmonPairing.voltageCurrentPairs([v, a, measured]).isEmpty)
        let otherLabel = Self.reading(.current, "curr1", label: "5V")
        #expect(HwmonPairing.voltageCurrentPairs([v, otherLabel]).isEmpty)
    }

    @Test func unlabelledPairsByNumberOnlyOnChipsWithoutPower() {
        let v = Self.reading(.voltage, "in1", value: 3.3)
        let a = Self.reading(.current, "curr1", value: 2)
        let pairs = HwmonPairing.voltageCurrentPairs([Self.reading(.voltage, "in0"), v, a])
        #expect(pairs.count == 1 && pairs[0].label == "in1_curr1" && pairs[0].value == 6.6)
        #expect(HwmonPairing.voltageCurrentPairs([v, a, Self.reading(.power, "power1")]).isEmpty)
    }

    @Test func planNamesUnitsAndModes() {
        let readings = [
            Self.reading(.energy, "energy1"), Self.reading(.power, "power1"),
            Self.reading(.power, "power2", label: "GPU core.0"),
            Self.reading(.temperature, "temp1", label: "CPU"), Self.reading(.temperature, "temp2", label: "CPU"),
            Self.reading(.fan, "fan1"), Self.reading(.voltage, "in0"),
        ]
        let plan = HwmonChannel.plan(readings)
        #expect(plan.map(\.descriptor.name) == [
            "hwmon.ina238-i2c-1-40.energy1.energy", "hwmon.ina238-i2c-1-40.GPU_core_0.energy",
            "hwmon.ina238-i2c-1-40.CPU.temp_celsius", "hwmon.ina238-i2c-1-40.CPU_temp2.temp_celsius",
            "hwmon.ina238-i2c-1-40.fan1.fan_rpm",
        ])
        #expect(plan.map(\.mode) == [.energyCounter, .integratedPower, .gauge, .gauge, .gauge])
        #expect(plan.map(\.descriptor.unit) == ["J", "J", "Cel", "Cel", "rpm"])
        #expect(plan.allSatisfy { $0.descriptor.kind == .measured && $0.descriptor.energyRole == nil })
    }

    @Test func readingsEncodeWithoutLibsensorsHandles() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(Self.reading(.power, "power1", value: 12)), as: UTF8.self)
        #expect(json == #"{"chip":"ina238-i2c-1-40","features":["power1"],"has_explicit_label":false,"#
                + #""label":"power1","paths":["ina238-i2c-1-40\/power1_input"],"quantity":"power","#
                + #""subfeatures":["power1_input"],"unit":"W","value":12}"#)
    }
}
