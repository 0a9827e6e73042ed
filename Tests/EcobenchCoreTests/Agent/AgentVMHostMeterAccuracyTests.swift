import EcobenchTestSupport
import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCluster
@testable import EcobenchAgent

/// The hypervisor agent (`--vms`) states its meter's accuracy next to the VM series:
/// `ecobench_vm_host_meter_relative_uncertainty{basis}` on `/metrics` and
/// `host_meter_relative_uncertainty` / `host_meter_uncertainty_basis` in `/samples`' `vms`, only
/// where its node energy selection states one. A real collector over the RAPL probe on two trees.
@Suite struct AgentVMHostMeterAccuracyTests {
    static let gauge = "ecobench_vm_host_meter_relative_uncertainty"

    /// A collector (never started: the endpoints render from what is committed) over the RAPL probe
    /// on `sysfsRoot`, looking for VMs in an empty /proc.
    static func collector(sysfsRoot: String, dir: String) throws -> AgentCollector {
        try FileManager.default.createDirectory(atPath: dir + "/proc", withIntermediateDirectories: true)
        let vms = AgentVMs(discovery: VMDiscovery(procRoot: dir + "/proc", cgroupRoot: nil), settings: .proportional)
        return try AgentCollector(probes: [try RAPLProbe(sysfsRoot: sysfsRoot)],
                                  buffer: try AgentBuffer(path: dir + "/buffer.db", maxSamples: 100),
                                  intervalNanoseconds: 100_000_000, vms: vms)
    }

    static func vms(_ collector: AgentCollector) throws -> [String: Any] {
        let json = try collector.samplesJSON(fromUnixNanoseconds: 0, toUnixNanoseconds: Int64.max / 2, limit: 10)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["vms"] as? [String: Any], "\(json)")
    }

    /// RAPL states no accuracy (its zones' descriptors carry no relative uncertainty: Intel and AMD
    /// publish none for the energy counters), so a RAPL hypervisor exports no gauge: a reader
    /// finds the meter's part "not stated", never an invented one.
    @Test func aRAPLHypervisorStatesNoAccuracy() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let collector = try Self.collector(sysfsRoot: Fixtures.path("intel-2s/sys"), dir: dir.path)
        #expect(collector.channels.allSatisfy { $0.relativeUncertainty == nil })
        let text = collector.metricsText(version: "t")
        #expect(text.contains("ecobench_vm_host_energy_joules_total"), "the VM series are there: \(text)")
        #expect(!text.contains(Self.gauge), "\(text)")
        let vms = try Self.vms(collector)
        #expect(vms["host_meter_relative_uncertainty"] == nil && vms["host_meter_uncertainty_basis"] == nil, "\(vms)")
    }

    /// A hypervisor whose meter states 2 % (here a nested one, itself a guest reading the VM
    /// energy tree its host hands in: the provenance states 0.02 and the operator's basis).
    @Test func aMeterThatStatesItsAccuracyExportsTheGauge() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let tree = VMEnergyTree(directory: dir.path + "/tree")
        try FileManager.default.createDirectory(atPath: tree.directory, withIntermediateDirectories: true)
        try tree.write([VMEnergyTreeTests.entry(12.5)])
        let collector = try Self.collector(sysfsRoot: tree.vmRoot(instanceUUID: VMEnergyTreeTests.uuid), dir: dir.path)
        let basis = "hypervisor meter (sum of RAPL packages and DRAM: rapl.package-0 + rapl.dram): operator's "
            + "calibration against a wall meter; the VM's share by cpu-time-share adds none"
        let text = collector.metricsText(version: "t")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix(Self.gauge + "{") }, "\(text)")
        #expect(line.hasPrefix(Self.gauge + "{basis=\"\(basis)\"}"), "\(line)")
        #expect(line.split(separator: " ").last.flatMap { Double($0) } == 0.02, "\(line)")
        #expect(text.contains("# TYPE \(Self.gauge) gauge\n"))
        let vms = try Self.vms(collector)
        #expect(vms["host_meter_relative_uncertainty"] as? Double == 0.02, "\(vms)")
        #expect(vms["host_meter_uncertainty_basis"] as? String == basis, "\(vms)")
    }
}
