import EcobenchCore
import EcobenchTestSupport
import Testing

/// Per-pod attribution of node energy, by hand, and conservation under every idle policy.
@Suite struct ClusterAttributionTests {
    let load = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: 100_000_000_000, endUnixNanoseconds: 110_000_000_000)
    let idle = ClusterWindow(phase: "idle", repetition: 1, startUnixNanoseconds: 80_000_000_000, endUnixNanoseconds: 90_000_000_000)

    func reading(_ node: String, _ joules: Double) -> NodeEnergyReading {
        NodeEnergyReading(node: node, source: "test", kind: .measured, energyJoules: joules, coverage: 1)
    }

    func pod(_ uid: String, _ node: String, _ seconds: Double) -> PodCPUReading {
        PodCPUReading(namespace: "ns", pod: uid, podUID: uid, node: node, cpuSeconds: seconds, source: "test")
    }

    var pods: [PodCPUReading] { [pod("a", "n1", 4), pod("b", "n1", 2), pod("c", "n2", 1)] }

    @Test func handComputationPolicyNone() throws {
        // n1: 1000 J in 10 s; idle window 10 s at 400 J → 40 W → idle 400 J, dynamic 600 J; busy 8 s.
        // a: 600 × 4/8 = 300 J, b: 600 × 2/8 = 150 J, unattributed 1000 − 450 = 550 J.
        let result = ClusterAttribution(idlePolicy: .none).attribute(
            load: load, energy: [reading("n1", 1000), reading("n2", 500)], idleWindow: idle,
            idleEnergy: [reading("n1", 400), reading("n2", 600)], pods: pods, busyCPUSeconds: ["n1": 8, "n2": 2])
        let n1 = try #require(result.nodes.first { $0.node == "n1" })
        #expect(n1.idlePowerWatts == 40 && n1.idleEnergyJoules == 400 && n1.dynamicEnergyJoules == 600)
        #expect(n1.pods.map(\.podUID) == ["a", "b"])
        #expect(n1.pods.map(\.cpuShare) == [0.5, 0.25])
        #expect(n1.pods.map(\.energyJoules) == [300, 150])
        #expect(n1.unattributedEnergyJoules == 550)
        // n2 used less than its idle power predicts: clamped, noted, nothing dynamic.
        let n2 = try #require(result.nodes.first { $0.node == "n2" })
        #expect(n2.idleEnergyJoules == 500 && n2.dynamicEnergyJoules == 0)
        #expect(n2.notes.contains { $0.contains("clamped") })
        #expect(n2.pods.map(\.energyJoules) == [0])
        #expect(result.energyJoules == 1500 && result.attributedEnergyJoules == 450 && result.unattributedEnergyJoules == 1050)
    }

    @Test func handComputationProportionalAndReserved() throws {
        let energy = [reading("n1", 1000)], idleEnergy = [reading("n1", 400)], busy = ["n1": 8.0]
        let proportional = ClusterAttribution(idlePolicy: .proportional).attribute(
            load: load, energy: energy, idleWindow: idle, idleEnergy: idleEnergy, pods: pods, busyCPUSeconds: busy)
        // a: 300 + 400 × 0.5 = 500, b: 150 + 400 × 0.25 = 250.
        #expect(proportional.nodes[0].pods.map(\.energyJoules) == [500, 250])
        #expect(proportional.nodes[0].unattributedEnergyJoules == 250)
        let reserved = ClusterAttribution(idlePolicy: .reserved, reservedShare: 0.75).attribute(
            load: load, energy: energy, idleWindow: idle, idleEnergy: idleEnergy, pods: pods, busyCPUSeconds: busy)
        // The pods carry 0.75 × 400 = 300 J of idle energy, split 4:2 → a 200, b 100.
        #expect(reserved.nodes[0].pods.map(\.idleEnergyJoules) == [200, 100])
        #expect(reserved.nodes[0].pods.map(\.energyJoules) == [500, 250])
        #expect(reserved.nodes[0].unattributedEnergyJoules == 250)
    }

    @Test func podsAboveBusyNoIdleNoBusy() throws {
        // Pods 4 + 2 = 6 s but busy says 3 s: shares over 6 s; no idle reading: all 1000 J dynamic.
        let result = ClusterAttribution().attribute(load: load, energy: [reading("n1", 1000), reading("n2", 64)],
                                                    idleWindow: nil, idleEnergy: [], pods: pods, busyCPUSeconds: ["n1": 3])
        let n1 = result.nodes[0]
        #expect(n1.dynamicEnergyJoules == 1000 && n1.idlePowerWatts == nil)
        #expect(n1.pods.map(\.cpuShare) == [4.0 / 6.0, 2.0 / 6.0])
        #expect(n1.notes.contains { $0.contains("no idle reading") } && n1.notes.contains { $0.contains("above the node's busy") })
        let n2 = result.nodes[1]
        #expect(n2.pods.map(\.energyJoules) == [0] && n2.unattributedEnergyJoules == 64)
        #expect(n2.notes.contains { $0.contains("no busy CPU seconds") })
    }

    @Test func conservationUnderEveryPolicy() {
        var generator = SeededGenerator(seed: 6)
        for policy in IdlePolicy.allCases {
            for _ in 0..<200 {
                let nodes = ["n1", "n2", "n3"]
                let energy = nodes.map { reading($0, Double.random(in: 0...5000, using: &generator)) }
                let idleEnergy = nodes.map { reading($0, Double.random(in: 0...5000, using: &generator)) }
                let pods = (0..<7).map { pod("p\($0)", nodes[$0 % 3], Double.random(in: 0...20, using: &generator)) }
                let busy = Dictionary(uniqueKeysWithValues: nodes.map { ($0, Double.random(in: 0...40, using: &generator)) })
                let result = ClusterAttribution(idlePolicy: policy, reservedShare: Double.random(in: 0...1, using: &generator))
                    .attribute(load: load, energy: energy, idleWindow: idle, idleEnergy: idleEnergy, pods: pods,
                               busyCPUSeconds: busy)
                for node in result.nodes {
                    let sum = node.attributedEnergyJoules + node.unattributedEnergyJoules
                    #expect(abs(sum - node.energyJoules) <= 1e-9 * max(1, node.energyJoules))
                    #expect(node.unattributedEnergyJoules >= -1e-9 && node.pods.allSatisfy { $0.energyJoules >= 0 })
                    #expect(abs(node.idleEnergyJoules + node.dynamicEnergyJoules - node.energyJoules) <= 1e-9 * max(1, node.energyJoules))
                }
                let total = result.attributedEnergyJoules + result.unattributedEnergyJoules
                #expect(abs(total - result.energyJoules) <= 1e-9 * max(1, result.energyJoules))
            }
        }
    }
}
