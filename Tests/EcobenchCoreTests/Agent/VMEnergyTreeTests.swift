import EcobenchCore
@testable import EcobenchAgent
@testable import EcobenchCollect
import Foundation
import Testing

/// The VM energy tree a hypervisor's agent hands into a guest (issue 13 item 2): written by
/// `VMEnergyTree`, read by the existing RAPL discovery and probe with their sysfs root on
/// `<dir>/<uuid>`, labelled host attribution with the host's provenance.
@Suite("Agent: VM energy tree")
struct VMEnergyTreeTests {
    static let uuid = "3F2504E0-4F89-11D3-9A0C-0305E82C3301"
    static let lower = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"

    static func provenance(kind: String = "measured") -> VMEnergyProvenance {
        VMEnergyProvenance(instanceUUID: "", name: "",
                           hostMeter: .init(channels: ["rapl.package-0", "rapl.dram"],
                                            source: "sum of RAPL packages and DRAM: rapl.package-0 + rapl.dram",
                                            kind: kind),
                           idlePolicy: "proportional", hostRelativeUncertainty: 0.02,
                           hostUncertaintyBasis: "operator's calibration against a wall meter",
                           agentVersion: "test", updatedUnixNs: 1_700_000_000_000_000_000)
    }

    static func entry(_ joules: Double, kind: String = "measured") -> VMEnergyTree.Entry {
        VMEnergyTree.Entry(instanceUUID: uuid, name: "guest-a", cumulativeJoules: joules,
                           provenance: provenance(kind: kind))
    }

    static func temporaryTree() throws -> VMEnergyTree {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-vmtree-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return VMEnergyTree(directory: dir.path)
    }

    @Test func theRAPLProbeReadsTheTreeAcrossAtomicReplacements() throws {
        let tree = try Self.temporaryTree()
        defer { try? FileManager.default.removeItem(atPath: tree.directory) }
        try tree.write([Self.entry(12.5)])
        let root = tree.vmRoot(instanceUUID: Self.uuid)
        #expect(root == tree.directory + "/" + Self.lower)
        let discovery = RAPLDiscovery.discover(sysfsRoot: root)
        let zone = try #require(discovery.zones.first)
        #expect(discovery.zones.count == 1 && zone.channelName == "rapl.host-attribution", "\(discovery)")
        #expect(zone.role == .hostAttribution && zone.maxEnergyRangeMicrojoules == 1 << 62)
        #expect(zone.hostAttribution?.instanceUUID == Self.lower && zone.hostAttribution?.name == "guest-a")
        let descriptor = zone.descriptor
        #expect(descriptor.kind == .measured && descriptor.relativeUncertainty == 0.02)
        #expect(descriptor.model == "host attribution: measured on the hypervisor (sum of RAPL packages and DRAM: "
                + "rapl.package-0 + rapl.dram), attributed to VM guest-a (\(Self.lower)) by CPU time "
                + "(proportional idle policy; ecobench agent test)")
        #expect(descriptor.uncertaintyBasis?.contains("operator's calibration against a wall meter") == true)

        let probe = try RAPLProbe(zones: discovery.zones)
        // Every write replaces energy_uj (temp + rename): the probe counts on, no gap.
        // 40 J − 12.5 J = 27.5 J (40 000 000 µJ − 12 500 000 µJ).
        try tree.write([Self.entry(40)])
        #expect(try readProbe(probe) == [27.5])
        // 40.75 J − 12.5 J = 28.25 J.
        try tree.write([Self.entry(40.75)])
        #expect(try readProbe(probe) == [28.25])
        #expect(probe.failure(channel: 0) == nil && probe.resets == [0])
        // The counter is whole µJ, truncated: 41.0000017 J → 41 000 001 µJ; 41.000001 − 12.5 = 28.500001 J.
        try tree.write([Self.entry(41.000_001_7)])
        #expect(try SysfsFile.readInt64(path: zone.energyPath) == 41_000_001)
        #expect(abs(try readProbe(probe)[0] - 28.500_001) < 1e-9)
    }

    @Test func theNodeEnergyIsTheHostAttributionLabelledWithItsProvenance() throws {
        let tree = try Self.temporaryTree()
        defer { try? FileManager.default.removeItem(atPath: tree.directory) }
        try tree.write([Self.entry(1)])
        let zones = RAPLDiscovery.discover(sysfsRoot: tree.vmRoot(instanceUUID: Self.uuid)).zones
        let selection = try #require(NodeEnergySelection.choose(from: zones.map(\.descriptor)))
        #expect(selection.rank == .hostAttribution && selection.kind == .measured)
        #expect(selection.channels == ["rapl.host-attribution"] && selection.relativeUncertainty == 0.02)
        #expect(selection.method.hasPrefix("host attribution: rapl.host-attribution (host attribution: measured on the hypervisor"),
                "\(selection.method)")
        // Below a meter of the machine's own (a wall meter), above the estimate.
        let wall = SourceDescriptor(name: "ipmi.dcmi.energy", kind: .measured, unit: "J", semantics: .counter,
                                    scope: .node, path: "ipmi", energyRole: .wall)
        let estimate = SourceDescriptor(name: "estimate.cpu_energy", kind: .estimated, unit: "J", semantics: .counter,
                                        scope: .node, path: "/proc/stat", energyRole: .cpuEstimate, model: "TDP curve")
        let ranks = NodeEnergySelection.candidates(from: [estimate, zones[0].descriptor, wall]).map(\.rank)
        #expect(ranks == [.wall, .hostAttribution, .estimate])
    }

    @Test func aHostEstimateIsHandedInAsAnEstimate() throws {
        let tree = try Self.temporaryTree()
        defer { try? FileManager.default.removeItem(atPath: tree.directory) }
        try tree.write([Self.entry(1, kind: "estimated")])
        let zones = RAPLDiscovery.discover(sysfsRoot: tree.vmRoot(instanceUUID: Self.uuid)).zones
        #expect(zones.first?.descriptor.kind == .estimated)
        #expect(zones.first?.descriptor.model?.hasPrefix("host attribution: estimated on the hypervisor") == true)
        let selection = try #require(NodeEnergySelection.choose(from: zones.map(\.descriptor)))
        #expect(selection.rank == .hostAttribution && selection.kind == .estimated, "\(selection)")
    }

    @Test func theProvenanceFileIsSnakeCaseJSONAndItsFaultsAreNamed() throws {
        let tree = try Self.temporaryTree()
        defer { try? FileManager.default.removeItem(atPath: tree.directory) }
        try tree.write([Self.entry(1)])
        let root = tree.vmRoot(instanceUUID: Self.uuid)
        let file = root + "/ecobench-host-attribution.json"
        let object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: file)))
                                  as? [String: Any])
        #expect(object["instance_uuid"] as? String == Self.lower && object["idle_policy"] as? String == "proportional")
        #expect(object["basis"] as? String == "cpu-time-share" && object["agent_version"] as? String == "test")
        #expect((object["host_meter"] as? [String: Any])?["kind"] as? String == "measured")
        #expect(try String(contentsOfFile: root + "/class/powercap/intel-rapl:0/name", encoding: .utf8) == "host-attribution\n")

        // A field missing: the note names the file and the field; the zone is still read, origin unknown.
        var broken = object
        broken["idle_policy"] = nil
        try JSONSerialization.data(withJSONObject: broken).write(to: URL(fileURLWithPath: file))
        let missingField = RAPLDiscovery.discover(sysfsRoot: root)
        #expect(missingField.notes.contains { $0.contains(file) && $0.contains("field idle_policy is missing") },
                "\(missingField.notes)")
        #expect(missingField.zones.first?.hostAttribution == nil)
        #expect(missingField.zones.first?.descriptor.model?.contains("meter and policy are unknown") == true)
        // No file at all.
        try FileManager.default.removeItem(atPath: file)
        let absent = RAPLDiscovery.discover(sysfsRoot: root)
        #expect(absent.notes.contains { $0.contains(file) && $0.contains("missing or unreadable") }, "\(absent.notes)")
    }

    @Test func badEntriesAreRefusedNamingTheVM() throws {
        let tree = try Self.temporaryTree()
        defer { try? FileManager.default.removeItem(atPath: tree.directory) }
        var escape = Self.entry(1)
        escape.instanceUUID = "../../etc"
        #expect(throws: VMEnergyTreeError.invalidUUID("../../etc")) { try tree.write([escape]) }
        #expect(throws: VMEnergyTreeError.invalidEnergy(uuid: Self.lower, joules: -1)) { try tree.write([Self.entry(-1)]) }
        #expect(!FileManager.default.fileExists(atPath: tree.directory + "/etc"))
        #expect(VMEnergyTree.isUUID(Self.lower) && !VMEnergyTree.isUUID(Self.uuid) && !VMEnergyTree.isUUID("3f2504e0"))
    }

    /// A reader never sees a torn file: while a writer replaces energy_uj 3000 times with values
    /// whose length grows (1 J … 3000 J: 7 to 10 digits of µJ), every read by path is a whole
    /// value the writer wrote (a multiple of 1 000 000 µJ in [1, 3000] J), never a prefix or an empty file.
    @Test func readersNeverSeeATornCounter() throws {
        let tree = try Self.temporaryTree()
        defer { try? FileManager.default.removeItem(atPath: tree.directory) }
        try tree.write([Self.entry(1)])
        let path = tree.vmRoot(instanceUUID: Self.uuid) + "/class/powercap/intel-rapl:0/energy_uj"
        let done = LockedFlag()
        let writer = Thread {
            for joules in 1...3000 { try? tree.write([Self.entry(Double(joules))]) }
            done.set()
        }
        writer.start()
        var reads = 0
        var bad: [String] = []
        while !done.value || reads < 100 {
            reads += 1
            do {
                let value = try SysfsFile.readInt64(path: path)
                if value % 1_000_000 != 0 || value < 1_000_000 || value > 3_000_000_000 { bad.append("\(value)") }
            } catch {
                bad.append("\(error)")
            }
        }
        #expect(bad.isEmpty, "\(bad.prefix(5)) of \(reads) reads")
        #expect(try SysfsFile.readInt64(path: path) == 3_000_000_000)
    }
}

/// A flag one thread sets and another polls.
private final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    var value: Bool { lock.withLock { flag } }
    func set() { lock.withLock { flag = true } }
}
