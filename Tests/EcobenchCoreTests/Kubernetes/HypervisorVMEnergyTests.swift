import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCluster
@testable import EcobenchKubernetes

/// Nodes that are VMs (issue 13 item 3): which instance a node names, and the hypervisor
/// source's reading and chain from hand-made Prometheus series.
struct HypervisorVMEnergyTests {
    static let uuidA = "0a1b2c3d-0000-4000-8000-00000000000a"
    static let uuidB = "0a1b2c3d-0000-4000-8000-00000000000b"

    static func node(_ json: String) throws -> KubernetesNode {
        try JSONDecoder().decode(KubernetesNode.self, from: Data(json.utf8))
    }

    @Test func nodeNamesItsInstanceByProviderIDElseSystemUUID() throws {
        // openstack:///<uuid> (upper case in, lower case out), preferred over the system UUID.
        let a = try Self.node("""
            {"metadata": {"name": "a"}, "spec": {"providerID": "openstack:///\(Self.uuidA.uppercased())"},
             "status": {"nodeInfo": {"kubeletVersion": "v1.30.4", "systemUUID": "\(Self.uuidB)"}}}
            """)
        #expect(a.spec?.providerID == "openstack:///" + Self.uuidA.uppercased())
        #expect(KubernetesNodeInstance.of(a) == KubernetesNodeInstance(uuid: Self.uuidA, field: "spec.providerID"))
        // openstack://<region>/<uuid>.
        #expect(OpenStackInstanceID.uuid(providerID: "openstack://RegionOne/\(Self.uuidB)") == Self.uuidB)
        // Another cloud's provider ID: the system UUID, lowercased.
        let b = try Self.node("""
            {"metadata": {"name": "b"}, "spec": {"providerID": "aws:///eu-central-1a/i-0123456789abcdef0"},
             "status": {"nodeInfo": {"systemUUID": "\(Self.uuidB.uppercased())"}}}
            """)
        #expect(KubernetesNodeInstance.of(b) == KubernetesNodeInstance(uuid: Self.uuidB, field: "status.nodeInfo.systemUUID"))
        // Neither: no instance (and a provider ID whose last part is no UUID is not one).
        #expect(KubernetesNodeInstance.of(try Self.node(#"{"metadata": {"name": "c"}}"#)) == nil)
        #expect(OpenStackInstanceID.uuid(providerID: "openstack:///not-a-uuid") == nil)
        // The report's node carries it.
        let row = KubernetesClusterInfo.node(a)
        #expect(row.instanceUuid == Self.uuidA && row.instanceUuidField == "spec.providerID")
    }

    /// A counter sampled every second from t = 90 s to 120 s at `rate` per second.
    static func counter(_ labels: [String: String], rate: Double) -> PrometheusSeries {
        PrometheusSeries(labels: labels, points: stride(from: 90.0, through: 120.0, by: 1).map {
            PrometheusPoint(timeSeconds: $0, value: 1000 + rate * ($0 - 90))
        })
    }

    @Test func vmNodeTakesItsShareOfTheHypervisorsMeasuredEnergyWithTheChain() throws {
        let client = try PrometheusClient(baseURL: "http://127.0.0.1:9")
        let source = HypervisorVMEnergySource(client: client, instanceUUIDs: ["node-a": Self.uuidA, "node-b": Self.uuidB])
        let hypervisor = "10.0.0.7:9464"
        let vm = ["instance": hypervisor, "instance_uuid": Self.uuidA, "name": "instance-0000000a",
                  "basis": "cpu-time-share", "idle_policy": "proportional"]
        let fetched = HypervisorVMEnergySource.Fetched(
            vmEnergy: [Self.counter(vm, rate: 40)],
            vmCPU: [Self.counter(["instance": hypervisor, "instance_uuid": Self.uuidA, "name": "instance-0000000a"], rate: 1.2)],
            hostEnergy: [Self.counter(["instance": hypervisor], rate: 100)],
            hostBusy: [Self.counter(["instance": hypervisor, "mode": "busy"], rate: 3),
                       Self.counter(["instance": "10.0.0.8:9464", "mode": "busy"], rate: 7)])
        // Window 100.5 s … 110.5 s (10 s, edges between samples; the counters are linear, so the
        // interpolation is exact): VM 40 W × 10 s = 400 J; host 100 W × 10 s = 1000 J; VM CPU
        // 1.2 × 10 = 12 s; the hypervisor's busy CPU 3 × 10 = 30 s (the other host's 7/s not taken).
        let readings = source.readings(fetched, start: 100.5, end: 110.5)
        #expect(readings.map(\.node) == ["node-a"], "node-b's VM has no series: no reading, its other sources stand")
        let a = try #require(readings.first)
        #expect(a.kind == .measured)
        #expect(abs(a.energyJoules - 400) < 1e-9)
        #expect(abs(a.coverage - 1) < 1e-9)
        #expect(a.source.hasPrefix("hypervisor 10.0.0.7 ecobench_vm_energy_joules_total{instance_uuid=\"\(Self.uuidA)\"}"))
        let chain = try #require(a.vmChain?.first)
        #expect(a.vmChain?.count == 1)
        #expect(chain.hypervisor == "10.0.0.7" && chain.instanceUuid == Self.uuidA && chain.vmName == "instance-0000000a")
        #expect(chain.basis == "cpu-time-share" && chain.idlePolicy == "proportional")
        #expect(abs((chain.hostEnergyJ ?? .nan) - 1000) < 1e-9)
        #expect(abs(chain.vmEnergyJ - 400) < 1e-9)
        #expect(abs((chain.energyShare ?? .nan) - 0.4) < 1e-12)  // 400 / 1000
        #expect(abs((chain.vmCpuSeconds ?? .nan) - 12) < 1e-9)
        #expect(abs((chain.hostBusyCpuSeconds ?? .nan) - 30) < 1e-9)
        #expect(abs((chain.cpuShare ?? .nan) - 0.4) < 1e-12)  // 12 / 30
        #expect(chain.vmEnergyUncertaintyJ >= 0 && (chain.hostEnergyUncertaintyJ ?? -1) >= 0)
        #expect(a.notes.contains { $0.hasPrefix("measured on hypervisor 10.0.0.7 (1000.000 J), attributed to VM "
                                                 + "instance-0000000a (\(Self.uuidA)) by cpu-time-share") })
    }

    @Test func hypervisorInstancesMatchLiterallyInPromQL() {
        // 10.0.0.7:9464 → RE2 10\.0\.0\.7:9464 → in the PromQL string 10\\.0\\.0\\.7:9464.
        #expect(HypervisorVMEnergySource.promQLRegexLiteral("10.0.0.7:9464") == #"10\\.0\\.0\\.7:9464"#)
        #expect(HypervisorVMEnergySource.promQLRegexLiteral("[fd00::5]:9464") == #"\\[fd00::5\\]:9464"#)
        #expect(HypervisorVMEnergySource.promQLRegexLiteral("a\"b") == #"a\"b"#)
    }

    @Test func aVMThatMovedBetweenHypervisorsSumsBothShares() throws {
        let client = try PrometheusClient(baseURL: "http://127.0.0.1:9")
        let source = HypervisorVMEnergySource(client: client, instanceUUIDs: ["node-a": Self.uuidA])
        // Live migration at t = 105 s: host 1's counter stops (last sample 105), host 2's starts (first 105).
        let before = PrometheusSeries(labels: ["instance": "h1:9464", "instance_uuid": Self.uuidA], points:
            stride(from: 90.0, through: 105, by: 1).map { PrometheusPoint(timeSeconds: $0, value: 20 * ($0 - 90)) })
        let after = PrometheusSeries(labels: ["instance": "h2:9464", "instance_uuid": Self.uuidA], points:
            stride(from: 105.0, through: 120, by: 1).map { PrometheusPoint(timeSeconds: $0, value: 30 * ($0 - 105)) })
        // Window 100 … 110: 20 W × 5 s on h1 + 30 W × 5 s on h2 = 100 + 150 = 250 J; each covers half.
        let reading = try #require(source.readings(.init(vmEnergy: [before, after]), start: 100, end: 110).first)
        #expect(abs(reading.energyJoules - 250) < 1e-9)
        #expect(abs(reading.coverage - 1) < 1e-9)
        #expect(reading.vmChain?.map(\.hypervisor) == ["h1", "h2"])
        #expect(reading.vmChain?.first?.energyShare == nil, "no host series: the share is not shown")
        #expect(reading.notes.contains { $0.hasPrefix("no ecobench_vm_host_energy_joules_total") })
    }
}

/// Readings given as they are, for the ranking rule.
struct GivenReadings: NodeEnergySource {
    var label: String
    var readings: [NodeEnergyReading]
    func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] { readings }
}

struct RankedNodeEnergySourceTests {
    static func reading(_ node: String, _ source: String, _ kind: SourceKind, _ joules: Double, coverage: Double = 1)
        -> NodeEnergyReading {
        NodeEnergyReading(node: node, source: source, kind: kind, energyJoules: joules, coverage: coverage)
    }

    @Test func oneReadingPerNodeMeasuredOverEstimateFirstOtherwise() throws {
        let window = ClusterWindow(phase: "window", repetition: 1, startUnixNanoseconds: 0, endUnixNanoseconds: 10_000_000_000)
        let ranked = RankedNodeEnergySource([
            GivenReadings(label: "first", readings: [Self.reading("a", "estimate a", .estimated, 70),
                                                     Self.reading("b", "meter b", .measured, 500),
                                                     Self.reading("c", "meter c", .measured, 0, coverage: 0)]),
            GivenReadings(label: "hypervisors", readings: [Self.reading("a", "hypervisor a", .measured, 400),
                                                           Self.reading("b", "hypervisor b", .measured, 300),
                                                           Self.reading("c", "hypervisor c", .estimated, 90)]),
        ])
        let out = try ranked.nodeEnergy(in: window)
        #expect(out.map(\.node) == ["a", "b", "c"])
        // a: the measured 400 J replaces the 70 J estimate; b: its own meter stays; c: no samples, replaced.
        #expect(out.map(\.energyJoules) == [400, 500, 90])
        #expect(out.map(\.source) == ["hypervisor a", "meter b", "hypervisor c"])
        #expect(out[0].notes == ["replaces estimate a: 70.000 J (estimated, coverage 1.000)"])
        #expect(out[1].notes == ["kept over hypervisor b: 300.000 J (measured, coverage 1.000)"])
        #expect(ranked.label == "first, then hypervisors")
    }

    @Test func kubeNodeInfoNamesTheInstances() {
        let a = "0a1b2c3d-0000-4000-8000-00000000000a", b = "0a1b2c3d-0000-4000-8000-00000000000b"
        let series = [
            PrometheusSeries(labels: ["node": "n1", "provider_id": "openstack:///\(a)", "system_uuid": b], points: []),
            PrometheusSeries(labels: ["node": "n2", "provider_id": "", "system_uuid": b.uppercased()], points: []),
            PrometheusSeries(labels: ["node": "n3", "provider_id": "gce://p/z/n3"], points: []),
        ]
        #expect(OpenStackInstanceID.instances(kubeNodeInfo: series) == ["n1": a, "n2": b])
    }
}

/// A node energy source that estimates a fixed power per node (an in-VM agent without meters).
struct EstimatedPowerSource: NodeEnergySource {
    var label = "in-VM estimate (test)"
    var wattsPerNode: [String: Double]
    func nodeEnergy(in window: ClusterWindow) throws -> [NodeEnergyReading] {
        wattsPerNode.sorted { $0.key < $1.key }.map {
            NodeEnergyReading(node: $0.key, source: "estimate \($0.key)", kind: .estimated,
                              energyJoules: $0.value * window.durationSeconds, coverage: 1)
        }
    }
}

@Suite(.serialized) struct NodeEnergyRankingTests {
    /// The runner's rule across sources: a measured reading replaces an earlier source's estimate
    /// (a VM node's hypervisor share over its in-VM estimate), never an earlier measured one.
    @Test func measuredReplacesAnEarlierEstimateNeverAMeasuredOne() throws {
        let setup = try KubernetesRunnerTests().setUp(sources: [
            EstimatedPowerSource(wattsPerNode: ["node-a": 7, "node-b": 7]),
            FixedPowerSource(label: "hypervisor (test)", wattsPerNode: ["node-a": 40]),
            FixedPowerSource(label: "late (test)", wattsPerNode: ["node-a": 99]),
        ])
        defer { setup.server.stop(); setup.dir.remove() }
        let outcome = try KubernetesRunnerTests().run(setup)
        #expect(outcome.status == .completed, "\(outcome.error ?? "") \(outcome.reportError ?? "")")
        let report = try #require(outcome.report)
        let kubernetes = try #require(report.kubernetes)
        for phase in report.phases {
            let rows = kubernetes.nodeEnergy.filter { $0.phase == phase.name.rawValue && $0.repetition == phase.repetition }
            #expect(rows.count == 2, "one reading per node: \(rows)")
            let a = try #require(rows.first { $0.node == "node-a" })
            let b = try #require(rows.first { $0.node == "node-b" })
            // node-a: 40 W measured (not 7 W estimated, not 99 W from the later measured source).
            #expect(a.kind == .measured && a.source == "test node-a")
            #expect(abs(a.energyJ - 40 * phase.durationS) <= 1e-6 * max(1, a.energyJ), "\(a) vs 40 W × \(phase.durationS) s")
            #expect(b.kind == .estimated && abs(b.energyJ - 7 * phase.durationS) <= 1e-6 * max(1, b.energyJ))
        }
        #expect(report.notes.contains { $0.contains("node node-a: measured energy from hypervisor (test)")
                                        && $0.contains("replaces the estimate of in-VM estimate (test)") },
                "\(report.notes)")
    }
}

/// The hypervisor meter's stated accuracy through the chain (issue 13: "each step with its
/// uncertainty"): the agent's gauge `ecobench_vm_host_meter_relative_uncertainty`, read at the
/// window's end, carried into the VM's share in the same proportion and into the node's budget.
struct HypervisorMeterAccuracyTests {
    static let uuid = HypervisorVMEnergyTests.uuidA
    static let hypervisor = "10.0.0.7:9464"

    @Test func theCombinationIsTheQuadratureOfTheWindowAndTheMetersPart() {
        // VM 400 J, window integral 3 J, meter 2 %: u = √(3² + (0.02 × 400)²) = √(9 + 64) = √73 = 8.5440037 J.
        #expect(abs(VMEnergyChain.combinedUncertainty(windowJ: 3, relative: 0.02, energyJ: 400) - 8.5440037) < 1e-6)
        // No stated accuracy: the window's part alone.
        #expect(VMEnergyChain.combinedUncertainty(windowJ: 3, relative: nil, energyJ: 400) == 3)
        let chain = VMEnergyChain(hypervisor: "h", instanceUuid: Self.uuid, hostEnergyJ: 1000, hostEnergyUncertaintyJ: 6,
                                  hostMeterRelativeUncertainty: 0.02, vmEnergyJ: 400, vmEnergyUncertaintyJ: 3)
        #expect(abs((chain.vmEnergyMeterUncertaintyJ ?? .nan) - 8) < 1e-12)  // 0.02 × 400
        #expect(abs((chain.vmEnergyCombinedUncertaintyJ ?? .nan) - 8.5440037) < 1e-6)
        // Host: √(6² + (0.02 × 1000)²) = √(36 + 400) = √436 = 20.8806130 J.
        #expect(abs((chain.hostEnergyCombinedUncertaintyJ ?? .nan) - 20.8806130) < 1e-6)
        // A VM on two hypervisors (a live migration): 100 J at 2 % and 150 J at 4 %:
        // √((0.02 × 100)² + (0.04 × 150)²) / 250 = √(4 + 36) / 250 = 6.3245553 / 250 = 0.0252982.
        let moved = [VMEnergyChain(hypervisor: "h1", instanceUuid: Self.uuid, hostMeterRelativeUncertainty: 0.02,
                                   vmEnergyJ: 100, vmEnergyUncertaintyJ: 0),
                     VMEnergyChain(hypervisor: "h2", instanceUuid: Self.uuid, hostMeterRelativeUncertainty: 0.04,
                                   vmEnergyJ: 150, vmEnergyUncertaintyJ: 0)]
        #expect(abs((HypervisorVMEnergySource.relativeUncertainty(of: moved) ?? .nan) - 0.0252982) < 1e-7)
        // Only h1 states one: √((0.02 × 100)²) / 250 = 2 / 250 = 0.008 (h2's part is not in the budget, noted).
        var half = moved
        half[1].hostMeterRelativeUncertainty = nil
        #expect(abs((HypervisorVMEnergySource.relativeUncertainty(of: half) ?? .nan) - 0.008) < 1e-12)
        half[0].hostMeterRelativeUncertainty = nil
        #expect(HypervisorVMEnergySource.relativeUncertainty(of: half) == nil)
    }

    @Test func theMetersAccuracyAtTheWindowsEndCarriesIntoTheVMsShareAndTheNodesBudget() throws {
        let client = try PrometheusClient(baseURL: "http://127.0.0.1:9")
        let source = HypervisorVMEnergySource(client: client, instanceUUIDs: ["node-a": Self.uuid])
        let vm = ["instance": Self.hypervisor, "instance_uuid": Self.uuid, "name": "instance-0000000a",
                  "basis": "cpu-time-share", "idle_policy": "proportional"]
        // The VM's counter, every second from 90 s to 120 s: 40 W, except 46 W from 100 s to 101 s.
        let vmPoints = stride(from: 90.0, through: 120, by: 1).map { t -> PrometheusPoint in
            PrometheusPoint(timeSeconds: t, value: t <= 100 ? 1000 + 40 * (t - 90) : 1000 + 400 + 46 + 40 * (t - 101))
        }
        // The gauge: 5 % under an earlier basis until 100 s, then 2 % (a Redfish sensor's Accuracy);
        // another hypervisor's 50 % is not this VM's.
        let gauge = { (instance: String, basis: String, value: Double, times: StrideThrough<Double>) in
            PrometheusSeries(labels: ["instance": instance, "basis": basis],
                             points: times.map { PrometheusPoint(timeSeconds: $0, value: value) })
        }
        let fetched = HypervisorVMEnergySource.Fetched(
            vmEnergy: [PrometheusSeries(labels: vm, points: vmPoints)],
            hostEnergy: [HypervisorVMEnergyTests.counter(["instance": Self.hypervisor], rate: 100)],
            hostMeterUncertainty: [gauge(Self.hypervisor, "earlier meter", 0.05, stride(from: 90, through: 100, by: 1)),
                                   gauge(Self.hypervisor, "Redfish Sensor Accuracy 2 %", 0.02, stride(from: 101, through: 120, by: 1)),
                                   gauge("10.0.0.8:9464", "other", 0.5, stride(from: 90, through: 120, by: 1))])
        // Window 100.5 s … 110.5 s: 46 W × 0.5 s + 40 W × 9 s + 40 W × 0.5 s = 23 + 360 + 20 = 403 J.
        // Window integral: the start edge lies in the 46 W pair between two 40 W pairs: bound
        // (46 − 40) W × 1 s = 6 J, u = 6/√3 = 3.4641016 J; the end edge's pairs are all 40 W: 0.
        // Meter: 2 % (the gauge's sample at 110 s, the last before the end) × 403 J = 8.06 J.
        // Combined: √(3.4641016² + 8.06²) = √(12 + 64.9636) = √76.9636 = 8.7728900 J.
        let reading = try #require(source.readings(fetched, start: 100.5, end: 110.5).first)
        #expect(abs(reading.energyJoules - 403) < 1e-9)
        let chain = try #require(reading.vmChain?.first)
        #expect(chain.hostMeterRelativeUncertainty == 0.02 && chain.hostMeterUncertaintyBasis == "Redfish Sensor Accuracy 2 %")
        #expect(abs(chain.vmEnergyUncertaintyJ - 3.4641016) < 1e-6)
        #expect(abs((chain.vmEnergyMeterUncertaintyJ ?? .nan) - 8.06) < 1e-9)
        #expect(abs((chain.vmEnergyCombinedUncertaintyJ ?? .nan) - 8.7728900) < 1e-6)
        // Host: 100 W × 10 s = 1000 J, linear (window part 0): 0.02 × 1000 = 20 J.
        #expect(abs((chain.hostEnergyCombinedUncertaintyJ ?? .nan) - 20) < 1e-9)
        #expect(reading.uncertainty?.sourceRelative == 0.02)
        #expect(reading.notes.contains { $0.hasPrefix("hypervisor 10.0.0.7: meter accuracy 2 % (Redfish Sensor Accuracy 2 %)") },
                "\(reading.notes)")
        // The node phase's error budget: meter 8.06 J and the edge 3.4641016 J, in quadrature: 8.7728900 J.
        let budget = try #require(ErrorBudgetBuilder.nodePhase(reading, phase: "load", repetition: 1, durationSeconds: 10))
        #expect(abs(budget.combinedStandardUncertainty - 8.7728900) < 1e-6, "\(budget)")
        #expect(budget.contributions.contains { $0.source == .meterAccuracy && abs($0.standardUncertainty - 8.06) < 1e-9 })

        // Without the gauge (a RAPL hypervisor states no accuracy): the window's part, and a note.
        var bare = fetched
        bare.hostMeterUncertainty = []
        let plain = try #require(source.readings(bare, start: 100.5, end: 110.5).first)
        #expect(plain.vmChain?.first?.hostMeterRelativeUncertainty == nil)
        #expect(abs((plain.vmChain?.first?.vmEnergyCombinedUncertaintyJ ?? .nan) - 3.4641016) < 1e-6)
        #expect(plain.uncertainty?.sourceRelative == nil)
        #expect(plain.notes.contains { $0.hasPrefix("hypervisor 10.0.0.7: its meter states no accuracy") }, "\(plain.notes)")
    }

    @Test func theGaugeIsReadAtTheWindowsEnd() {
        let series = [PrometheusSeries(labels: ["basis": "a"], points: [.init(timeSeconds: 5, value: 0.05)]),
                      PrometheusSeries(labels: ["basis": "b"], points: [.init(timeSeconds: 8, value: 0.03),
                                                                        .init(timeSeconds: 12, value: 0.01)])]
        // End 10 s: the latest sample at or before it is b's at 8 s.
        #expect(HypervisorVMEnergySource.value(atEnd: 10, of: series).map { "\($0.value) \($0.basis ?? "")" } == "0.03 b")
        // End 4 s: none before; the earliest after it, a's at 5 s.
        #expect(HypervisorVMEnergySource.value(atEnd: 4, of: series).map { "\($0.value) \($0.basis ?? "")" } == "0.05 a")
        #expect(HypervisorVMEnergySource.value(atEnd: 4, of: []) == nil)
    }
}
