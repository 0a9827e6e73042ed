import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `ecobench run --sysfs-root <dir>/<uuid>` on a VM energy tree (issue 13 item 2) that a writer
/// advances at a known power through `VMEnergyTree`, as a hypervisor's agent would: the run's node
/// energy is the host attribution, measured, labelled with the host's provenance, and each
/// phase's joules are the writer's power × the phase's duration.
@Suite(.serialized) struct VMEnergyTreeRunTests {
    static let uuid = "6c9a3d1e-2b7f-4e0a-9d51-0f3c8e2a7b44"
    static let watts = 25.0

    @Test func aRunInsideTheVMReadsTheHandedInTreeAsHostAttribution() throws {
        try Exclusive.run { try run() }
    }

    func run() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let tree = VMEnergyTree(directory: dir.path + "/vm-energy")
        let provenance = VMEnergyProvenance(
            instanceUUID: Self.uuid, name: "worker-1",
            hostMeter: .init(channels: ["redfish.bmc.System.Embedded.1.energy"],
                             source: "wall meter: redfish.bmc.System.Embedded.1.energy", kind: "measured"),
            idlePolicy: "reserved", hostRelativeUncertainty: 0.01,
            hostUncertaintyBasis: "Redfish Sensor Accuracy, /redfish/v1/Chassis/1/Sensors/PS1: ±1.7 %",
            agentVersion: "test", updatedUnixNs: 0, writeIntervalS: 0.01)
        let writer = try TreeWriter(tree: tree, uuid: Self.uuid, watts: Self.watts, provenance: provenance)
        writer.start()
        let result = try CLI.run(["run", "Workloads/idle.yaml", "--sysfs-root", tree.vmRoot(instanceUUID: Self.uuid),
                                  "--no-hwmon", "--no-nvml", "--no-checks", "--repetitions", "1", "--baseline", "1",
                                  "--idle", "1", "--load", "2", "--cooldown", "1", "--interval", "50",
                                  "--db", dir.path + "/e.db", "--out", dir.path + "/out", "--quiet"])
        let maxGapS = writer.stop()
        #expect(result.status == 0, "\(result.stderr)")
        let reportPath = dir.path + "/out/run-1/report.json"
        let report = try ReportCoding.decoder().decode(Report.self, from: Data(contentsOf: URL(fileURLWithPath: reportPath)))
        let validation = try CLI.validateReport(reportPath)
        #expect(validation.status == 0, "\(validation.stdout)")

        // The node's energy is the host attribution: measured, its method naming the hypervisor's meter and policy.
        #expect(report.nodeEnergy.rank == .hostAttribution && report.nodeEnergy.kind == .measured, "\(report.nodeEnergy)")
        #expect(report.nodeEnergy.channels == ["rapl.host-attribution"])
        #expect(report.nodeEnergy.method.contains("host attribution: measured on the hypervisor (wall meter: "
                                                  + "redfish.bmc.System.Embedded.1.energy), attributed to VM worker-1 ("
                                                  + Self.uuid + ") by CPU time (reserved idle policy"), "\(report.nodeEnergy.method)")
        #expect(report.nodeEnergy.method.contains("; counter updated every 0.01 s)"), "\(report.nodeEnergy.method)")
        #expect(report.nodeEnergy.relativeUncertainty == 0.01)
        let source = try #require(report.sources.first { $0.name == "rapl.host-attribution" })
        #expect(source.energyRole == .hostAttribution && source.kind == .measured && source.usedForNodeEnergy)
        #expect(source.uncertaintyBasis?.contains("Redfish Sensor Accuracy") == true, "\(String(describing: source.uncertaintyBasis))")
        // No gap although every write replaced energy_uj (temp + rename).
        #expect(report.gaps.filter { $0.source == "rapl.host-attribution" }.isEmpty, "\(report.gaps)")

        // Per phase: 25 W × the phase's duration (1 s phases: 25 J; the 2 s load: 50 J), within the
        // writer's step: a reading is at most one write interval (maxGapS, the writer's own log) old
        // at each edge, and the boundary tick waits ≤ 25 ms for the counter to move; so
        // |E − P·T| ≤ P·(2·maxGapS + 0.05 s).
        let tolerance = Self.watts * (2 * maxGapS + 0.05)
        #expect(report.phases.count == 4)
        for phase in report.phases {
            let expected = Self.watts * phase.durationS
            #expect(abs(phase.energyJ - expected) <= tolerance,
                    "\(phase.name): \(phase.energyJ) J, expected \(expected) J ± \(tolerance) J (write gap \(maxGapS) s)")
        }
        let load = try #require(report.phases.first { $0.name == .load })
        #expect(load.durationS > 1.9 && load.durationS < 2.5, "\(load.durationS) s")
    }
}
