import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// ECO:DIGIT's score on `BlueAngelReportTests.run`'s synthetic run (two repetitions of baseline
/// 2 s at 20 W, idle 2 s, load 4 s at 60 W / 70 W; node CPU 5 % in baseline, 80 % / 60 % in load;
/// used memory 1e9 + 1e7·t bytes; in load 4 MB written, 8 MB sent, 12 MB received) with a small
/// hand-made device. Expected values by hand (arithmetic in the comments) and, for the sums over
/// five categories, by the reference implementation's own functions (eco-digit/testbench@209791a
/// arthur/app/calculation/calculation.py: calc_net_load_average, calc_digital_work,
/// calc_ebr_power, calc_ebr_embedded, calc_runtime_energy_consumption, calc_environmental_impacts_*,
/// calc_environmental_impacts_normalized_and_weighted, calc_eco_digit_score) run on the same inputs.
@Suite struct EcoDigitReportTests {
    /// Lifetime 1 year = 8760 × 3600 = 31 536 000 s; average load 0.5 everywhere; capacity 100
    /// GHz·bit, 4 GB, 100 GB, 100 Mbit/s; power 40, 10, 5, 5 W; embedded GWP 1576.8, 157.68,
    /// 157.68, 157.68 kg (CED × 10, ADP × 1e-4, water × 1, WEEE × 0.01); factors: the reference's.
    static let device = """
        name: test box
        source: hand-made test device
        lifetime_years: 1
        average_load: {compute: 0.5, memorize: 0.5, store: 0.5, transfer: 0.5}
        capacity: {compute: 100, memorize: 4, store: 100, transfer: 100}
        power: {compute_w: 40, memorize_w: 10, store_w: 5, transfer_w: 5}
        embedded:
          gwp: {compute: 1576.8, memorize: 157.68, store: 157.68, transfer: 157.68}
          ced: {compute: 15768, memorize: 1576.8, store: 1576.8, transfer: 1576.8}
          adp: {compute: 0.15768, memorize: 0.015768, store: 0.015768, transfer: 0.015768}
          water: {compute: 1576.8, memorize: 157.68, store: 157.68, transfer: 157.68}
          weee: {compute: 15.768, memorize: 1.5768, store: 1.5768, transfer: 1.5768}
        """

    static func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
        guard let a else { return false }
        return abs(a - b) <= tolerance * max(abs(b), 1e-300)
    }

    @Test func loadsWorkEnergyImpactsAndScoreMatchTheHandValuesAndTheReference() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try BlueAngelReportTests.run(dir)
        let spec = try EcoDigitDeviceParser.parse(yaml: Self.device, file: "test-device.yaml")
        let eco = try EcoDigitBuilder.build(report: report, store: store, device: spec)
        #expect(eco.repetitions.count == 2)
        let r1 = eco.repetitions[0], r2 = eco.repetitions[1]
        // Gross (rep. 1 load): CPU 80 % → 0.8; memory mean 1060 MB ÷ 4 GB = 0.265; 4 MB written ÷ 100 GB = 4e-5;
        // (8 + 12) MB × 8 = 160 Mbit ÷ (100 Mbit/s × 4 s) = 0.4. Idle (rep. 1 baseline): 0.05, 1010/4000 = 0.2525, 0, 0.
        #expect(Self.close(r1.grossLoad.compute, 0.8) && Self.close(r1.grossLoad.memorize, 0.265))
        #expect(Self.close(r1.grossLoad.store, 4e-5) && Self.close(r1.grossLoad.transfer, 0.4))
        #expect(Self.close(r1.idleLoad.compute, 0.05) && Self.close(r1.idleLoad.memorize, 0.2525) && r1.idleLoad.transfer == 0)
        // Net: 0.75, 0.0125, 4e-5, 0.4; DW = net × capacity × 4 s: 300 GHz·bit·s, 0.2 GB·s, 0.016 GB·s, 160 Mbit.
        #expect(Self.close(r1.netLoad.compute, 0.75) && Self.close(r1.netLoad.memorize, 0.0125, 1e-6))
        #expect(Self.close(r1.digitalWork.compute, 300) && Self.close(r1.digitalWork.memorize, 0.2, 1e-6))
        #expect(Self.close(r1.digitalWork.store, 0.016) && Self.close(r1.digitalWork.transfer, 160))
        // EBR_P = P ÷ (capacity × 0.5): 0.8, 5, 0.1, 0.1 W per unit; E = DW × EBR_P: 240, 1, 0.0016, 16 J = 257.0016 J.
        #expect(Self.close(r1.modelledEnergyJ.compute, 240) && Self.close(r1.modelledEnergyJ.memorize, 1, 1e-6))
        #expect(Self.close(r1.modelledEnergyJ.store, 0.0016) && Self.close(r1.modelledEnergyJ.transfer, 16))
        #expect(Self.close(r1.modelledEnergyTotalJ, 257.0016, 1e-8))
        // Rep. 2: CPU 0.60 − 0.05 = 0.55 → 0.55 × 100 × 4 × 0.8 = 176 J; memory (1140 − 1090)/4000 = 0.0125 → 1 J;
        // store and transfer as rep. 1 → 193.0016 J.
        #expect(Self.close(r2.modelledEnergyTotalJ, 193.0016, 1e-8))
        // GWP: use 257.0016 J ÷ 3.6e6 J/kWh × 0.421 kg/kWh = 3.0054909333e-5 kg; embedded Σ DW × E ÷ (capacity × 0.5 × 31 536 000 s):
        // 300 × 1576.8/1.5768e9 = 3e-4, 0.2 × 157.68/6.3072e7 = 5e-7, 0.016 × 1e-7 = 1.6e-9, 160 × 1e-7 = 1.6e-5 → 3.165016e-4 kg.
        let gwp = r1.impacts.gwp
        #expect(Self.close(gwp.usePhase, 3.0054909333e-5, 1e-8) && Self.close(gwp.embedded, 3.165016e-4, 1e-6))
        #expect(Self.close(gwp.total, 3.4655650933e-4, 1e-6))  // the reference: 0.00034655650933333336
        // PEF: ÷ 7550 kg per person-year = 4.5901524415e-8, × 0.2 = 9.180304883e-9; the reference: × 7550 × 0.2 = 0.523300329.
        #expect(Self.close(gwp.pefNormalised, 4.5901524415e-8, 1e-6) && Self.close(gwp.pefWeighted, 9.180304883e-9, 1e-6))
        #expect(Self.close(gwp.referenceNormalisedWeighted, 0.523300329, 1e-6))
        // Totals of the other categories, from the reference's functions: CED 0.0037625447199999998 MJ,
        // ADP 3.202424010666667e-08 kg Sb eq, water 0.00033356365066666664 m³, WEEE 3.165016e-06 kg (factor 0 per kWh).
        #expect(Self.close(r1.impacts.ced.total, 0.0037625447199999998, 1e-6) && Self.close(r1.impacts.adp.total, 3.202424010666667e-08, 1e-6))
        #expect(Self.close(r1.impacts.water.total, 0.00033356365066666664, 1e-6) && Self.close(r1.impacts.weee.total, 3.165016e-06, 1e-6))
        #expect(r1.impacts.weee.usePhase == 0)
        // Scores: Σ total ÷ NF × 0.2 = 2.0492301130314523e-07 (PEF), Σ total × NF × 0.2 = 435.2225266498938 (the reference's
        // calc_eco_digit_score); rep. 2: 1.5313550754389146e-07 and 325.47211673744096.
        #expect(Self.close(r1.score, 2.0492301130314523e-07, 1e-6) && Self.close(r1.referenceScore, 435.2225266498938, 1e-6))
        #expect(Self.close(r2.score, 1.5313550754389146e-07, 1e-6) && Self.close(r2.referenceScore, 325.47211673744096, 1e-6))
        // Measured workload energy (idle policy none): dynamic (60 − 20) W × 4 s = 160 J × the workload's share of the CPU
        // time above the baseline's, 1 ÷ (1.6 − 0.1) = 2/3 → 106.667 J; rep. 2: (70 − 20) × 4 × 1 ÷ (1.2 − 0.1) = 181.818 J.
        // Ratios 257.0016 ÷ 106.667 = 2.40939 and 193.0016 ÷ 181.818 = 1.0615088; of the sums 450.0032 ÷ 288.4848 = 1.559885042.
        #expect(Self.close(r1.measuredWorkloadEnergyJ, 320.0 / 3, 1e-6) && Self.close(r2.measuredWorkloadEnergyJ, 2000.0 / 11, 1e-6))
        #expect(Self.close(r1.modelledOverMeasured, 2.40939, 1e-6) && Self.close(r2.modelledOverMeasured, 1.0615088, 1e-6))
        #expect(Self.close(eco.summary.modelledOverMeasured, 1.559885042, 1e-6))
        // Net node energy: 240 − 20 × 4 = 160 J (the Blue Angel figure).
        #expect(Self.close(r1.measuredNetNodeEnergyJ, 160, 1e-6))
        // Mean score of the two repetitions.
        #expect(Self.close(eco.summary.score?.mean, (2.0492301130314523e-07 + 1.5313550754389146e-07) / 2, 1e-6))
        // Every value from the file is labelled assumed with the file named.
        #expect(eco.device.lifetimeYears.basis == .assumed && eco.device.lifetimeYears.source.contains("test-device.yaml"))
        #expect(eco.device.capacity.memorize.source.contains("capacity.memorize"))
    }

    @Test func withoutADeviceFileTheInventoryFillsMemoryAndTheRestIsTheReferenceDefaultLabelledAssumed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try BlueAngelReportTests.run(dir)
        let eco = try EcoDigitBuilder.build(report: report, store: store, device: nil)
        // The synthetic host has 1 << 30 = 1 073 741 824 bytes = 1.073741824 GB, measured by the inventory.
        #expect(Self.close(eco.device.capacity.memorize.value, 1.073741824) && eco.device.capacity.memorize.basis == .measured)
        // The reference's sample device and config: lifetime 4 years, compute power 109.8 W, GWP 0.421 kg/kWh, 7550, 0.2.
        #expect(eco.device.lifetimeYears.value == 4 && eco.device.lifetimeYears.basis == .assumed)
        #expect(eco.device.lifetimeYears.source.contains("eco-digit/testbench"))
        #expect(eco.device.powerW.compute.value == 109.8 && eco.device.emissionFactorsPerKwh.gwp.value == 0.421)
        #expect(eco.device.normalisationFactors.gwp.value == 7550 && eco.device.weights.weee.value == 0.2)
        #expect([eco.device.averageLoad.compute, eco.device.capacity.store, eco.device.powerW.transfer].allSatisfy { $0.basis == .assumed })
    }

    @Test func aTotalPowerIsSplitByTheGivenShares() throws {
        // total 120 W over shares 40 : 10 : 5 : 5 (Σ 60): 80, 20, 10, 10 W.
        let spec = try EcoDigitDeviceParser.parse(yaml: "power: {compute_w: 40, memorize_w: 10, store_w: 5, transfer_w: 5, total_w: 120}",
                                                  file: "d.yaml")
        let host = ReportHost(hostname: "h", cpuModel: "c", logicalCpus: 1, sockets: 1, memoryBytes: 0, kernel: "k", os: "o")
        let device = EcoDigitDevice.resolve(spec, host: host)
        #expect(device.powerW.compute.value == 80 && device.powerW.memorize.value == 20)
        #expect(device.powerW.store.value == 10 && device.powerW.transfer.value == 10)
        #expect(device.powerW.compute.source.contains("power.total_w"))
    }

    @Test func aCalibratedProfileGivesTheTotalAtTheAverageComputeLoadLabelledMeasured() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // A profile of 50 W at utilisation 0 and 150 W at 1: at the average compute load 0.2, 50 + 0.2 × 100 = 70 W,
        // split 40 : 10 : 5 : 5 (Σ 60): 46.667, 11.667, 5.833, 5.833 W.
        let profile = PowerProfile(createdAt: "2026-01-01T00:00:00Z", fingerprint: "f", cpuModel: "c", logicalCpus: 2,
                                   meter: .init(kind: .measured, method: "RAPL", channels: ["rapl.package-0"]),
                                   points: [.init(targetLoad: 0, utilisation: 0, powerWatts: 50, sdWatts: nil, repetitions: 1),
                                            .init(targetLoad: 1, utilisation: 1, powerWatts: 150, sdWatts: nil, repetitions: 1)],
                                   relativeUncertainty: 0.02)
        try profile.write(to: dir.path + "/profile.json")
        let yaml = "average_load: {compute: 0.2}\npower: {compute_w: 40, memorize_w: 10, store_w: 5, transfer_w: 5}\n"
            + "calibrated_profile: profile.json\n"
        let spec = try EcoDigitDeviceParser.parse(yaml: yaml, file: dir.path + "/device.yaml")
        let host = ReportHost(hostname: "h", cpuModel: "c", logicalCpus: 2, sockets: 1, memoryBytes: 0, kernel: "k", os: "o")
        let device = EcoDigitDevice.resolve(spec, host: host)
        #expect(Self.close(device.powerW.compute.value, 70.0 * 40 / 60) && Self.close(device.powerW.memorize.value, 70.0 * 10 / 60))
        #expect(Self.close(device.powerW.transfer.value, 70.0 * 5 / 60))
        #expect(device.powerW.compute.basis == .measured && device.powerW.compute.source.contains("profile.json"))
    }

    @Test func aDeviceFileWithOnlyCommentsDefaultsEverything() throws {
        let spec = try EcoDigitDeviceParser.parse(yaml: "# nothing known yet\n\n", file: "empty.yaml")
        #expect(spec.lifetimeYears == nil && spec.averageLoad.isEmpty && spec.embedded.isEmpty && spec.file == "empty.yaml")
    }

    @Test func badDeviceFilesNameFileLineAndField() {
        let cases: [(String, Int, String, String)] = [
            ("lifetime_years: 4\naverage_load:\n  compute: 1.5\n", 3, "average_load.compute", "fraction"),
            ("capacity:\n  memorise: 4\n", 2, "capacity.memorise", "memorize"),
            ("embedded:\n  gwp: {compute: -1}\n", 2, "embedded.gwp.compute", "≥ 0"),
            ("factors:\n  normalisation:\n    gwp: 0\n", 3, "factors.normalisation.gwp", "> 0"),
            ("calibrated_profile: no-such-profile.json\n", 1, "calibrated_profile", "calibrated power profile"),
        ]
        for (yaml, line, field, words) in cases {
            do {
                _ = try EcoDigitDeviceParser.parse(yaml: yaml, file: "/tmp/dev.yaml")
                Issue.record("accepted \(yaml)")
            } catch {
                #expect(error.file == "/tmp/dev.yaml" && error.line == line && error.field == field, "\(error)")
                #expect("\(error)".contains(words), "\(error)")
            }
        }
    }

    @Test func writesJSONValidAgainstItsSchema() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try BlueAngelReportTests.run(dir)
        let out = dir.path + "/eco-digit"
        let spec = try EcoDigitDeviceParser.parse(yaml: Self.device, file: "test-device.yaml")
        let written = try ReportWriter(store: store).writeEcoDigit(report, device: spec, to: out)
        #expect(written.files == [out + "/eco-digit.json"])
        let validation = try CLI.validateReport(out + "/eco-digit.json", schema: "eco-digit.schema.json")
        #expect(validation.status == 0, "\(validation.stdout)")
        let decoded = try ReportCoding.decoder().decode(EcoDigitReport.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/eco-digit.json")))
        #expect(Self.close(decoded.repetitions.first?.modelledEnergyTotalJ, 257.0016, 1e-8))
        // The reference's sample device (no file) also validates.
        let defaults = try ReportWriter(store: store).write(report, format: .ecoDigit, to: dir.path + "/defaults")
        let second = try CLI.validateReport(try #require(defaults.first), schema: "eco-digit.schema.json")
        #expect(second.status == 0, "\(second.stdout)")
    }
}
