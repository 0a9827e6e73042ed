import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchRun

/// Counter or watts by resolution, the wall by schema, and a counter's step from what the
/// service wrote: channel plans from hand-made readings (no server needed).
@Suite("Redfish source choice: resolution and wall context")
struct RedfishSourceChoiceTests {
    private let client: RedfishClient

    init() throws {
        client = try RedfishClient(url: try #require(URL(string: "http://bmc.example:8443")), credentials: nil)
    }

    private func reading(_ chassis: String, _ what: RedfishReading.What, _ unit: RedfishReading.Unit, _ value: Double,
                         context: String? = nil, subContext: String? = nil, precision: Double? = nil,
                         path: String = "/redfish/v1/Chassis/X/EnvironmentMetrics",
                         pointer: String = "/Reading") -> RedfishReading {
        RedfishReading(chassisID: chassis, what: what, resourceURI: path, jsonPointer: pointer, unit: unit,
                       physicalContext: context, physicalSubContext: subContext, discoveredValue: value,
                       resolution: unit == .watts ? nil : RedfishResolution.of(value: value, precision: precision))
    }

    @Test func stepFromTheDecimalsWrittenOrThePrecision() {
        // 325675 → 10^0; 1234.5678 → 10^−4; 12.25 → 10^−2; 0.00001 (written 1e-05) → 10^−5.
        #expect(RedfishResolution.of(value: 325675, precision: nil).step == 1)
        #expect(abs(RedfishResolution.of(value: 1234.5678, precision: nil).step - 1e-4) < 1e-16)
        #expect(abs(RedfishResolution.of(value: 12.25, precision: nil).step - 0.01) < 1e-16)
        #expect(abs(RedfishResolution.of(value: 0.00001, precision: nil).step - 1e-5) < 1e-20)
        // Precision = significant digits (DMTF Sensor schema): 4 digits of 7855.25 → 10^(3 − 4 + 1) = 1,
        // coarser than the 0.01 the decimals show; the coarser wins.
        let precise = RedfishResolution.of(value: 7855.25, precision: 4)
        #expect(precise.step == 1 && precise.source == "Precision 4 significant digits of 7855.25")
        #expect(RedfishResolution.of(value: 56438, precision: nil).source == "56438 shows 0 decimals")
    }

    /// The case: a 0.001 kWh counter beside 150 W watts. One step = 0.001 × 3.6e6 = 3600 J;
    /// a 30 s phase at 150 W holds 4500 J, 0.5 % of it 22.5 J < 3600 J: the watts.
    @Test func aCoarseCounterLosesAgainstWatts() throws {
        let readings = [reading("N", .chassisPower, .kilowattHours, 1234.567, pointer: "/EnergykWh/Reading"),
                        reading("N", .chassisPower, .watts, 150, pointer: "/PowerWatts/Reading")]
        let entries = RedfishChannelPlan.entries(for: readings, client: client, pollIntervalSeconds: 1,
                                                 referenceSeconds: 30)
        let wall = try #require(entries.first)
        #expect(wall.reading.unit == .watts && wall.descriptor.energyRole == .wall)
        #expect(wall.descriptor.model?.contains(
            "EnergykWh counter not used: one step 3600 J (1234.567 shows 3 decimals) > 0.5 % of 150 W × 30 s = 22.5 J") == true)
        // The same counter against a 5000 s phase: 0.5 % × 150 W × 5000 s = 3750 J ≥ one step: the counter.
        let long = RedfishChannelPlan.entries(for: readings, client: client, pollIntervalSeconds: 1,
                                              referenceSeconds: 5000)
        #expect(long.first?.reading.unit == .kilowattHours)
        // The error budget's resolution: one step 0.001 kWh × 3.6e6 J/kWh = 3600 J; watts state none.
        #expect(long.first?.descriptor.resolutionJoules == 3600)
        #expect(wall.descriptor.resolutionJoules == nil)
    }

    /// A run judges counters against its shortest phase longer than 0 (a 0 s baseline is no phase).
    @Test func theRunsShortestPhaseIsTheReference() {
        let phases = WorkloadSpec.Phases(baselineSeconds: 0, idleSeconds: 5, loadSeconds: 30, cooldownSeconds: 10)
        #expect(SourceOptions().withShortestPhase(of: phases).shortestPhaseSeconds == 5)
        #expect(RedfishSourceChoice(referenceSeconds: nil).referenceSeconds == 10)
    }

    /// `EnergyJoules` and `EnergyWh` Sensors are read: a 1 J step (123456789 J) is ≤ 0.5 % of
    /// 150 W × 10 s (default reference) = 7.5 J: the counter; a 1 Wh step (3600 J) is not.
    @Test func joulesAndWattHourSensorsAreCounters() throws {
        let power = reading("N", .sensor, .watts, 150, context: "Chassis", path: "/redfish/v1/Chassis/N/Sensors/P")
        let joules = reading("N", .sensor, .joules, 123_456_789, context: "Chassis", path: "/redfish/v1/Chassis/N/Sensors/EJ")
        let wattHours = reading("N", .sensor, .wattHours, 98765, context: "Chassis", path: "/redfish/v1/Chassis/N/Sensors/EWh")
        let fine = try #require(RedfishChannelPlan.entries(for: [power, wattHours, joules], client: client,
                                                           pollIntervalSeconds: 1).first)
        #expect(fine.reading.unit == .joules)
        #expect(fine.descriptor.model?.contains("J × 1 J/J") == true)
        #expect(fine.descriptor.model?.contains("one step 1 J (123456789 shows 0 decimals) ≤ 0.5 % of 150 W × 10 s = 7.5 J") == true)
        let coarse = try #require(RedfishChannelPlan.entries(for: [power, wattHours], client: client,
                                                             pollIntervalSeconds: 1).first)
        #expect(coarse.reading.unit == .watts && coarse.descriptor.model?.contains("Sensor EWh counter not used") == true)
        #expect(RedfishReading.Unit(readingType: "EnergyWh")?.joulesPerUnit == 3600)
        #expect(RedfishReading.Unit(readingType: "Temperature") == nil)
    }

    /// A component or context-less power sensor is never the wall: nodes whose only sensors are
    /// CPU aggregates (23 W, 22 W, no PhysicalContext) get no channel, instead of a 45 W "wall".
    @Test func onlyChassisLevelInputIsTheWall() {
        let cpuOnly = [reading("Node1", .sensor, .watts, 23, path: "/redfish/v1/Chassis/Node1/Sensors/CPU_Power"),
                       reading("Node2", .sensor, .watts, 22, path: "/redfish/v1/Chassis/Node2/Sensors/CPU_Power"),
                       reading("Node2", .sensor, .watts, 12, context: "CPU", path: "/redfish/v1/Chassis/Node2/Sensors/VR"),
                       reading("Node2", .sensor, .watts, 200, context: "Chassis", subContext: "Output",
                               path: "/redfish/v1/Chassis/Node2/Sensors/Out")]
        #expect(RedfishChannelPlan.entries(for: cpuOnly, client: client, pollIntervalSeconds: 1).isEmpty)
        for context in ["Chassis", "SystemBoard", "PowerSubsystem", "ACInput"] {
            let input = reading("N", .sensor, .watts, 240, context: context, path: "/redfish/v1/Chassis/N/Sensors/In")
            #expect(RedfishChannelPlan.entries(for: [input], client: client, pollIntervalSeconds: 1)
                .map(\.descriptor.name) == ["redfish.bmc.example:8443.N.energy"])
        }
        let supply = reading("N", .sensor, .watts, 240, context: "PowerSupply", subContext: "Input",
                             path: "/redfish/v1/Chassis/N/Sensors/PS1")
        #expect(RedfishChannelPlan.entries(for: [supply], client: client, pollIntervalSeconds: 1).isEmpty)
    }
}

/// One BMC endpoint is one provider, one chassis one node; RAPL without DRAM says so.
@Suite("Node energy: providers by endpoint and chassis")
struct NodeEnergyProviderTests {
    private func wall(_ name: String) -> SourceDescriptor {
        SourceDescriptor(name: name, kind: .measured, unit: "J", semantics: .counter, scope: .node, path: "/x",
                         energyRole: .wall)
    }

    @Test func twoEndpointsOnOneAddressAreTwoProviders() {
        let candidates = NodeEnergySelection.candidates(from: [wall("redfish.127.0.0.1:18611.1U.energy"),
                                                               wall("redfish.127.0.0.1:18612.1U.energy")])
        #expect(candidates.map(\.channels) == [["redfish.127.0.0.1:18611.1U.energy"],
                                               ["redfish.127.0.0.1:18612.1U.energy"]])
        #expect(NodeEnergySelection.providerKey("redfish.127.0.0.1:18611.1U.energy") == "redfish.127.0.0.1:18611.1U")
        #expect(NodeEnergySelection.providerKey("ipmi.dcmi.energy") == "ipmi")
    }

    @Test func twoChassisBehindOneBMCAreTwoNodesNotASum() {
        let candidates = NodeEnergySelection.candidates(from: [wall("redfish.bmc.Node1.energy"),
                                                               wall("redfish.bmc.Node2.energy")])
        #expect(candidates.count == 2 && candidates.allSatisfy { $0.channels.count == 1 })
    }

    @Test func amdPackagesWithoutDRAMAreLabelledAsSuch() throws {
        func zone(_ name: String, _ role: EnergyRole) -> SourceDescriptor {
            SourceDescriptor(name: name, kind: .measured, unit: "J", semantics: .counter, scope: .node, path: "/x",
                             energyRole: role)
        }
        let amd = try #require(NodeEnergySelection.choose(from: [zone("rapl.package-0", .package),
                                                                 zone("rapl.package-0.core", .subzone)]))
        #expect(amd.method == "sum of RAPL packages: rapl.package-0")
        let intel = try #require(NodeEnergySelection.choose(from: [zone("rapl.package-0", .package),
                                                                   zone("rapl.package-0.dram", .dram),
                                                                   zone("nvml.gpu0.energy", .gpu)]))
        #expect(intel.method.hasPrefix("sum of RAPL packages, DRAM and GPUs: "))
    }
}
