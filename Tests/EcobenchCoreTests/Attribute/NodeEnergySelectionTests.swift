import EcobenchCore
import EcobenchTestSupport
import Testing

@Suite struct NodeEnergySelectionTests {
    func source(_ name: String, _ role: EnergyRole, kind: SourceKind = .measured) -> SourceDescriptor {
        SourceDescriptor(name: name, kind: kind, unit: "J", semantics: .counter, scope: .node, path: "/x",
                         energyRole: role)
    }

    var rack: [SourceDescriptor] {
        [source("rapl.package-0", .package), source("rapl.package-0.dram", .dram), source("rapl.package-0.core", .subzone),
         source("rapl.psys", .platform), source("redfish.bmc1.chassis1.energy", .wall),
         source("ipmi.dcmi.energy", .wall), source("nvml.gpu0.energy", .gpu)]
    }

    @Test func ranksWallThenPlatformThenCPUAndDRAM() {
        let candidates = NodeEnergySelection.candidates(from: rack)
        #expect(candidates.map(\.rank) == [.wall, .wall, .platform, .cpuDram])
        #expect(candidates[0].channels == ["redfish.bmc1.chassis1.energy"])
        #expect(candidates[1].channels == ["ipmi.dcmi.energy"])
        // The GPU is added to package + DRAM, never to a wall or platform meter that includes it.
        #expect(candidates[3].channels == ["rapl.package-0", "rapl.package-0.dram", "nvml.gpu0.energy"])
        #expect(!candidates[0].channels.contains("nvml.gpu0.energy"))
    }

    @Test func estimatePlusMeasuredGPUIsStillAnEstimate() throws {
        let estimate = source("estimate.cpu_energy", .cpuEstimate, kind: .estimated)
        let chosen = try #require(NodeEnergySelection.choose(from: [estimate, source("nvml.gpu0.energy", .gpu)]))
        #expect(chosen.kind == .estimated)
        #expect(chosen.channels == ["estimate.cpu_energy", "nvml.gpu0.energy"])
    }

    @Test func crossCheckShowsRatiosAndFlagsImpossibleReadings() throws {
        let candidates = NodeEnergySelection.candidates(from: rack)
        let windows = [PhaseWindow(repetition: 1, name: .load, startNanoseconds: 0, endNanoseconds: 10_000_000_000)]
        // Wall 300 W, IPMI 250 W (same coverage, 17 % apart: flagged), psys 180 W,
        // package 150 W + DRAM 20 W + GPU 50 W = 220 W: more than psys, which covers more: flagged.
        let series = LinearSeries(["redfish.bmc1.chassis1.energy": 300, "ipmi.dcmi.energy": 250, "rapl.psys": 180,
                                   "rapl.package-0": 150, "rapl.package-0.dram": 20, "nvml.gpu0.energy": 50])
        let check = try SourceCrossCheck.compare(selected: candidates[0], candidates: candidates, windows: windows,
                                                 series: series)
        #expect(check.alternatives.map(\.energyJ) == [2500, 1800, 2200])
        #expect(abs(check.alternatives[0].ratioToSelected! - 2500.0 / 3000) < 1e-12)
        #expect(check.flags.count == 2, "\(check.flags)")
        #expect(check.flags.contains { $0.contains("measure the same thing") })
        #expect(check.flags.contains { $0.contains("platform meter: rapl.psys") && $0.contains("covers more") })
        // Consistent meters raise no flag.
        let fine = LinearSeries(["redfish.bmc1.chassis1.energy": 300, "ipmi.dcmi.energy": 290, "rapl.psys": 250,
                                 "rapl.package-0": 150, "rapl.package-0.dram": 20, "nvml.gpu0.energy": 50])
        #expect(try SourceCrossCheck.compare(selected: candidates[0], candidates: candidates, windows: windows,
                                             series: fine).flags.isEmpty)
    }
}

extension NodeEnergySelectionTests {
    /// A node counter fed by remote estimates (a cluster node whose agent has no meter) keeps its
    /// rank but can never read as a plain meter.
    @Test func aPlatformCounterOfEstimatesSaysItIsEstimated() throws {
        let remote = SourceDescriptor(name: "cluster.node-a", kind: .estimated, unit: "J", semantics: .counter,
                                      scope: .node, path: "agent http://10.0.0.5:9464 cpu.estimate",
                                      energyRole: .platform)
        let selection = try #require(NodeEnergySelection.choose(from: [remote]))
        #expect(selection.rank == .platform && selection.kind == .estimated)
        #expect(selection.method == "platform meter: cluster.node-a (estimated: agent http://10.0.0.5:9464 cpu.estimate)")
    }
}
