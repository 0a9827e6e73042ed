import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Embodied primary energy and abiotic depletion from Boavizta's component factors, checked
/// against sums done by hand.
@Suite struct EmbodiedImpactsTests {
    static let gib: Int64 = 1 << 30

    /// 2 sockets × 16 cores, 64 GiB, one NVMe drive (and a NIC, which carries no factor).
    static func server() -> ReportHost {
        var host = ReportHost(hostname: "h", cpuModel: "X", logicalCpus: 64, sockets: 2, memoryBytes: 64 * gib,
                              kernel: "k", os: "o")
        host.coresPerSocket = 16
        host.threadsPerCore = 2
        host.pciDevices = [
            PCIDevice(slot: "0000:01:00.0", vendorID: 0x144d, deviceID: 1, classID: 0x0108,
                      vendorName: "Samsung", deviceName: "NVMe", className: "NVM"),
            PCIDevice(slot: "0000:02:00.0", vendorID: 0x8086, deviceID: 2, classID: 0x0200,
                      vendorName: "Intel", deviceName: "NIC", className: "Ethernet"),
        ]
        return host
    }

    @Test func componentDefaultsByHand() throws {
        let estimate = EmbodiedComponentDefaults.estimate(host: Self.server())
        let byName = Dictionary(uniqueKeysWithValues: estimate.components.map { ($0.component, $0) })
        #expect(estimate.components.map(\.component) == ["cpu", "ram", "ssd", "power_supply", "case", "motherboard", "assembly"])
        // BoaviztAPI 2.5.0's defaults (see BoaviztaReferenceTests for the tool's own figures):
        // CPU, 16 cores per socket → die 607 mm² (mean of the 16-core CPUs in cpu_specs.csv):
        //   PE 2 × (607 × 0.265 + 156) = 2 × 316.855 = 633.71 MJ
        //   ADPe 2 × (607 × 5.87e-9 + 0.0204) = 0.04080712618 kg Sb eq
        let cpu = try #require(byName["cpu"])
        #expect(cpu.quantity == 2)
        #expect(abs(cpu.primaryEnergyMj - 633.71) < 1e-9)
        #expect(abs(cpu.adpeKgSbEq - 0.04080712618) < 1e-14)
        // RAM, 64 GiB in 2 modules of 32 GB, density 13.688 ÷ 11 GB/cm² (mean of ram_manufacture.csv),
        //   die 64 × 11 ÷ 13.688 = 51.431911163 cm²:
        //   PE 51.431911163 × 27.3 + 2 × 74 = 1552.09117476 MJ; ADPe × 6.3e-5 + 2 × 1.69e-3 = 0.006620210403
        let ram = try #require(byName["ram"])
        #expect(ram.quantity == 2)
        #expect(abs(ram.primaryEnergyMj - 1552.09117476) < 1e-6)
        #expect(abs(ram.adpeKgSbEq - 0.006620210403) < 1e-11)
        // SSD, 1000 GB ÷ (1042.8 ÷ 19 GB/cm², mean of ssd_manufacture.csv) = 18.220176448 cm²:
        //   PE × 27.3 + 73.98 = 571.39081703 MJ, ADPe × 6.3e-5 + 5.63e-4 = 0.00171087112
        let ssd = try #require(byName["ssd"])
        #expect(ssd.quantity == 1)
        #expect(abs(ssd.primaryEnergyMj - 571.39081703) < 1e-6)
        #expect(abs(ssd.adpeKgSbEq - 0.00171087112) < 1e-10)
        // Power supplies 2 × 2.99 kg = 5.98 kg: PE × 352 = 2104.96 MJ, ADPe × 8.3e-3 = 0.049634
        let psu = try #require(byName["power_supply"])
        #expect(abs(psu.primaryEnergyMj - 2104.96) < 1e-9)
        #expect(abs(psu.adpeKgSbEq - 0.049634) < 1e-14)
        // Totals, adding rack case 2200 MJ / 0.0202, motherboard 836 / 0.00369, assembly 68.6 / 1.41e-6:
        //   PE 633.71 + 1552.09117476 + 571.39081703 + 2104.96 + 2200 + 836 + 68.6 = 7966.75199179 MJ
        //   ADPe 0.04080712618 + 0.006620210403 + 0.00171087112 + 0.049634 + 0.0202 + 0.00369 + 0.00000141
        //        = 0.122663617703
        #expect(abs(estimate.total.primaryEnergyMJ - 7966.75199179) < 1e-6)
        #expect(abs(estimate.total.adpeKgSbEq - 0.122663617703) < 1e-10)
        // The sum of the components is the total.
        #expect(abs(estimate.components.reduce(0) { $0 + $1.primaryEnergyMj } - estimate.total.primaryEnergyMJ) < 1e-9)
        #expect(estimate.notes.isEmpty)
    }

    @Test func provenanceNamesTheSourceAndWhatWasAssumed() throws {
        let estimate = EmbodiedComponentDefaults.estimate(host: Self.server())
        for text in [estimate.primaryEnergyProvenance, estimate.adpeProvenance] {
            #expect(text.hasPrefix("assumed: Boavizta component defaults"))
            #expect(text.contains("factors.yml") && text.contains("Green Cloud Computing"))
        }
        #expect(estimate.primaryEnergyProvenance.contains("= 7966.8 MJ"))
        let byName = Dictionary(uniqueKeysWithValues: estimate.components.map { ($0.component, $0) })
        #expect(try #require(byName["cpu"]).basis.contains("16 cores per socket (inventory)"))
        #expect(try #require(byName["ram"]).basis.contains("BoaviztAPI 2.5.0 default density"))
        #expect(try #require(byName["power_supply"]).basis.contains("not in the inventory"))
    }

    @Test func whatTheFactorsDoNotCoverIsNamed() {
        var host = Self.server()
        host.memoryBytes = 0
        host.coresPerSocket = nil
        host.pciDevices = [
            PCIDevice(slot: "0000:03:00.0", vendorID: 0x10de, deviceID: 3, classID: 0x0302,
                      vendorName: "NVIDIA", deviceName: "GPU", className: "3D"),
            PCIDevice(slot: "0000:04:00.0", vendorID: 0x1000, deviceID: 4, classID: 0x0104,
                      vendorName: "LSI", deviceName: "RAID", className: "RAID"),
        ]
        let estimate = EmbodiedComponentDefaults.estimate(host: host)
        #expect(!estimate.components.contains { $0.component == "ram" || $0.component == "ssd" })
        #expect(estimate.notes.contains { $0.hasPrefix("memory size unknown") })
        // The GPU is now covered by BoaviztAPI's GPU model (its default card).
        #expect(estimate.components.contains { $0.component == "gpu" && $0.quantity == 1 })
        #expect(estimate.notes.contains { $0.contains("1 storage controller(s)") })
        // Without cores per socket: 64 logical CPUs ÷ 2 sockets = 32, said to be an assumption.
        let cpu = estimate.components.first { $0.component == "cpu" }
        #expect(cpu?.basis.contains("32 cores per socket (assumed: logical CPUs ÷ sockets") == true)
    }

    @Test func reportChargesTheSCIShareAndValidates() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let phases: [SyntheticRun.Phase] = [
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 20, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2, functionalUnits: 1000),
        ]
        let id = try SyntheticRun.write(into: store, repetitions: [phases, phases], host: Self.server())
        var impact = ImpactSettings()
        impact.embodiedKgCO2e = 1000
        impact.lifetimeYears = 4
        impact.reservedShare = 0.5
        impact.allImpacts = true
        let report = try ReportBuilder(store: store).build(
            runID: id, options: ReportOptions(carbon: .forCountry("DE"), impact: impact))
        let impacts = try #require(report.impacts)
        // Share: 2 load phases × 20 s ÷ (4 × 365.25 × 86400 s) × 0.5 = 1.5844043907e-7.
        let share = 2 * 20 / (4 * 365.25 * 86400) * 0.5
        #expect(abs(impacts.embodied.share - share) < 1e-18)
        #expect(abs(impacts.embodied.primaryEnergyMj - 7966.75199179) < 1e-6)
        // Embodied PE 7966.75199179 × 1.5844043907e-7 = 1.26225568e-3 MJ; ADPe 0.122663617703 × share = 1.94348774e-8.
        #expect(abs(impacts.total.primaryEnergyEmbodiedMj - 1.26225568e-3) < 1e-11)
        #expect(abs(impacts.total.adpeEmbodiedKgSbEq - 1.94348774e-8) < 1e-16)
        // The same share as SCI's M: embodied PE ÷ host PE = embodied g ÷ (TE × 1000 g).
        #expect(abs(impacts.total.primaryEnergyEmbodiedMj / impacts.embodied.primaryEnergyMj
                    - impacts.total.gwpEmbodiedG / 1_000_000) < 1e-18)
        // Totals are use phase + embodied, on SCI's E: the workload's dynamic energy 640 J per
        // repetition (share 24 / (32 − 2) = 0.8 of 800 J, see AttributionTests) + the reserved half
        // of the idle energy, 0.5 × 20 W × 20 s = 200 J → 2 × 840 J = 1680 J at 16.26 MJ/kWh (DE).
        let kwh = 1680 / 3.6e6
        #expect(abs(impacts.total.primaryEnergyMj - (kwh * 16.26 + impacts.total.primaryEnergyEmbodiedMj)) < 1e-12)
        #expect(abs(impacts.total.adpeKgSbEq - (kwh * 8.79e-8 + impacts.total.adpeEmbodiedKgSbEq)) < 1e-20)
        #expect(abs(impacts.total.waterM3 - kwh * 1.8 / 1000) < 1e-15)
        // Per unit: 2000 requests.
        let perUnit = try #require(impacts.perUnit)
        #expect(abs(perUnit.primaryEnergyEmbodiedMj - impacts.total.primaryEnergyEmbodiedMj / 2000) < 1e-18)
        #expect(abs(perUnit.adpeEmbodiedKgSbEq - impacts.total.adpeEmbodiedKgSbEq / 2000) < 1e-22)
        #expect(impacts.embodied.waterProvenance.hasPrefix("not assessed"))
        #expect(impacts.embodied.primaryEnergyProvenance.contains("Boavizta"))
        // GWP: CPU 2 × (607 × 0.0197 + 9.14) = 42.1958; RAM 51.431911163 × 2.2 + 2 × 5.22 = 123.5902;
        // SSD 18.220176448 × 2.2 + 6.34 = 46.4244; PSU 5.98 × 24.3 = 145.314; case 150; motherboard 66.1;
        // assembly 6.68 → 580.3 kg.
        #expect(impacts.notes.contains { $0.contains("Boavizta's factors give 580.3 kg CO2e") })
        // BoaviztAPI 2.5.0's range beside it (the sums of its defaults' min and max; see
        // ErrorBudgetTests.embodiedBoundIsBoaviztasRangeAndNoneForAUserFigure for the arithmetic):
        // 311.419961–1472.105707 kg; PSU alone 2 × 1 × 24.3 = 48.6 to 2 × 5 × 24.3 = 243 kg.
        #expect(abs((impacts.embodied.gwpKgCo2eMin ?? -1) - 311.419961) < 1e-5)
        #expect(abs((impacts.embodied.gwpKgCo2eMax ?? -1) - 1472.105707) < 1e-5)
        let psuComponent = try #require(impacts.embodied.components.first { $0.component == "power_supply" })
        #expect(abs((psuComponent.gwpKgCo2eMin ?? -1) - 48.6) < 1e-9 && abs((psuComponent.gwpKgCo2eMax ?? -1) - 243) < 1e-9)

        // The report with its impacts section validates against the published schema.
        let path = dir.path + "/report.json"
        try ReportCoding.encoder(pretty: true).encode(report).write(to: URL(fileURLWithPath: path))
        let validation = try CLI.validateReport(path)
        #expect(validation.status == 0, "\(validation.stdout)")
    }
}
