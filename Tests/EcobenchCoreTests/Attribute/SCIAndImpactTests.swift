import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct SCIAndImpactTests {
    @Test func embodiedMatchesTheSpecificationsExample() {
        // SCI specification: TE 1000 kg, 4 years of life, 1 hour reserved, whole machine ≈ 28 g.
        let m = SCI.embodiedGrams(totalEmbodiedKg: 1000, timeReservedSeconds: 3600, lifetimeYears: 4, reservedShare: 1)
        #expect(abs(m - 1_000_000.0 / (4 * 8766)) < 1e-9)  // 365.25-day years
        #expect(abs(m - 28.5) < 0.1)
        // Half the machine for 30 minutes: a quarter of that.
        #expect(abs(SCI.embodiedGrams(totalEmbodiedKg: 1000, timeReservedSeconds: 1800, lifetimeYears: 4, reservedShare: 0.5)
                    - m / 4) < 1e-9)
    }

    @Test func scoreIsOperationalPlusEmbodiedPerUnit() {
        // E = 0.5 kWh at 400 g/kWh → O = 200 g; M = 28.5 g; R = 1000 requests.
        let o = SCI.operationalGrams(energyKWh: 0.5, intensityGPerKWh: 400)
        #expect(o == 200)
        #expect(SCI.score(operationalGrams: o, embodiedGrams: 28.5, functionalUnits: 1000) == 0.2285)
        #expect(SCI.score(operationalGrams: o, embodiedGrams: 28.5, functionalUnits: 0) == nil)
    }

    @Test func reportCarriesSCIWithPUEAndEmbodiedByHand() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 20, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2, functionalUnits: 1000),
        ]])
        var impact = ImpactSettings()
        impact.pue = 1.5
        impact.embodiedKgCO2e = 1000
        impact.lifetimeYears = 4
        impact.reservedShare = 1
        impact.allImpacts = true
        let report = try ReportBuilder(store: store).build(
            runID: id, options: ReportOptions(carbon: .forCountry("DE"), impact: impact))
        let rep = try #require(report.sci.repetitions.first)
        // SCI's E is the reserved machine's: the workload's dynamic energy 640 J (share 24 / (32 − 2)
        // = 0.8 of 800 J, see AttributionTests) + all (RR/ToR = 1) of the idle energy 20 W × 20 s =
        // 400 J → 1040 J of IT energy, × PUE 1.5 = 1560 J = 4.3333e-4 kWh.
        #expect(abs(rep.energyKwh - 1560 / 3.6e6) < 1e-12)
        #expect(abs(rep.operationalG - 1560 / 3.6e6 * 381) < 1e-9)
        let embodied = 1_000_000.0 * 20 / (4 * 365.25 * 86400)
        #expect(abs(rep.embodiedG - embodied) < 1e-9)
        #expect(abs(rep.sciGPerUnit! - (1560 / 3.6e6 * 381 + embodied) / 1000) < 1e-12)
        #expect(report.sci.inputs.embodiedProvenance.hasPrefix("not set") == false || impact.embodiedKgCO2e != nil)
        let impacts = try #require(report.impacts)
        #expect(impacts.zone == "DE")
        // Use phase + embodied (the embodied part is checked by hand in EmbodiedImpactsTests).
        #expect(abs(impacts.total.primaryEnergyMj - impacts.total.primaryEnergyEmbodiedMj - 1560 / 3.6e6 * 16.26) < 1e-12)
        #expect(abs(impacts.total.adpeKgSbEq - impacts.total.adpeEmbodiedKgSbEq - 1560 / 3.6e6 * 8.79e-8) < 1e-20)
        #expect(impacts.total.primaryEnergyEmbodiedMj > 0 && impacts.total.adpeEmbodiedKgSbEq > 0)
        // Water: WUE is per kWh of IT energy, no PUE: 1040 J = 2.8889e-4 kWh × 1.8 L/kWh.
        #expect(abs(impacts.total.waterM3 - 1040 / 3.6e6 * 1.8 / 1000) < 1e-15)
    }

    @Test func embodiedDefaultsFromTheInventoryByHand() {
        var host = ReportHost(hostname: "h", cpuModel: "X", logicalCpus: 64, sockets: 2, memoryBytes: 272_000_000_000,
                              kernel: "k", os: "o")
        host.pciDevices = [PCIDevice(slot: "0000:01:00.0", vendorID: 0x10de, deviceID: 1, classID: 0x0302,
                                     vendorName: "NVIDIA", deviceName: "GPU", className: "3D")]
        let estimate = EmbodiedDefaults.estimate(host: host)
        // 1000 + 1 × 100 + (272 − 16) GB × 533/384 + 1 GPU × 150.
        #expect(abs(estimate.kg - (1000 + 100 + 256 * 533.0 / 384 + 150)) < 1e-9)
        #expect(estimate.provenance.contains("Cloud Carbon Footprint"))
    }

    @Test(arguments: IdlePolicy.allCases)
    func energyIsConservedUnderEveryIdlePolicy(policy: IdlePolicy) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.idle, seconds: 10, powerWatts: 22, busyCPUPerSecond: 0.3, workloadCPUPerSecond: 0.1),
            .init(.load, seconds: 20, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2, functionalUnits: 10),
            .init(.cooldown, seconds: 5, powerWatts: 21, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0.02),
        ]])
        var impact = ImpactSettings()
        impact.reservedShare = 0.5
        let report = try ReportBuilder(store: store).build(runID: id, options: ReportOptions(idlePolicy: policy, impact: impact))
        for phase in report.phases {
            #expect(abs(phase.workloadEnergyJ + phase.unattributedEnergyJ - phase.energyJ) < 1e-9)
            #expect(phase.workloadEnergyJ <= phase.energyJ + 1e-9)
        }
        #expect(abs(report.totals.attributedEnergyJ + report.totals.unattributedEnergyJ - report.totals.nodeEnergyJ) < 1e-9)
        let load = try #require(report.phases.first { $0.name == .load })
        switch policy {
        // Dynamic 800 J × share 24 / (32 − 2 background CPU-s) = 0.8 → 640 J; idle 400 J.
        case .none: #expect(abs(load.workloadEnergyJ - 640) < 1e-6)
        case .reserved: #expect(abs(load.workloadEnergyJ - (640 + 400 * 0.5)) < 1e-6)
        case .proportional: #expect(abs(load.workloadEnergyJ - (640 + 400 * 0.8)) < 1e-6)
        }
        #expect(report.run.idlePolicy == policy)
    }
}
