import EcobenchCore
import EcobenchTestSupport
import Testing

/// The agent's live consumer-keyed split in each idle policy, on one interval computed by hand:
/// host 4 CPUs; 10 s at 200 W (ΔE = 2000 J); busy 20 CPU-s, of which VM a (2 vCPUs) 8, VM b
/// (1 vCPU) 2, so the denominator is max(10, 20) = 20 CPU-s: s_a = 0.4, s_b = 0.1, host processes 0.5.
@Suite("Live per-consumer energy split (pods and VMs)")
struct LiveEnergySplitTests {
    typealias Observation = LiveEnergySplit.Observation

    static func run(_ settings: LiveEnergySplit.Settings) -> LiveEnergySplit {
        var split = LiveEnergySplit(settings: settings)
        let vcpus = ["a": 2.0, "b": 1.0]
        split.add(Observation(timeSeconds: 100, nodeEnergyJoules: 1000, nodeBusyCPUSeconds: 100,
                              consumerCPUSeconds: ["a": 10, "b": 20], reservedCPUs: vcpus))
        split.add(Observation(timeSeconds: 110, nodeEnergyJoules: 3000, nodeBusyCPUSeconds: 120,
                              consumerCPUSeconds: ["a": 18, "b": 22], reservedCPUs: vcpus))
        return split
    }

    static func expect(_ split: LiveEnergySplit, a: Double, b: Double, host: Double, unattributed: Double) {
        #expect(abs((split.consumerJoules["a"] ?? -1) - a) < 1e-9, "a: \(split.consumerJoules)")
        #expect(abs((split.consumerJoules["b"] ?? -1) - b) < 1e-9, "b: \(split.consumerJoules)")
        #expect(abs(split.otherProcessesJoules - host) < 1e-9, "host processes \(split.otherProcessesJoules)")
        #expect(abs(split.unattributedJoules - unattributed) < 1e-9, "unattributed \(split.unattributedJoules)")
        #expect(split.nodeEnergyJoules == 2000)
    }

    @Test func proportionalSharesAllEnergyByCPU() {
        // a = 2000 × 0.4 = 800, b = 2000 × 0.1 = 200, host processes 2000 × 0.5 = 1000, nobody 0.
        Self.expect(Self.run(.init(idlePolicy: .proportional, idleWatts: 50, hostCPUs: 4)),
                    a: 800, b: 200, host: 1000, unattributed: 0)
    }

    @Test func noneLeavesIdleUnattributed() {
        // idle = 50 W × 10 s = 500 J to nobody; dynamic 1500: a 600, b 150, host processes 750.
        Self.expect(Self.run(.init(idlePolicy: .none, idleWatts: 50, hostCPUs: 4)),
                    a: 600, b: 150, host: 750, unattributed: 500)
    }

    @Test func reservedSharesIdleByVCPUsOverHostCPUs() {
        // idle 500 J; reserved (2 + 1)/4 = 0.75 → 375 J by vCPUs: a 250, b 125; the unreserved CPU's
        // 125 J to nobody. a = 600 + 250 = 850, b = 150 + 125 = 275, host processes 750.
        Self.expect(Self.run(.init(idlePolicy: .reserved, idleWatts: 50, hostCPUs: 4)),
                    a: 850, b: 275, host: 750, unattributed: 125)
    }

    @Test func idleAboveTheEnergyIsClamped() {
        // 300 W × 10 s = 3000 J > 2000 J: idle 2000, dynamic 0. none: all 2000 to nobody; reserved:
        // 2000 × 0.75 = 1500 by vCPUs (a 1000, b 500), 500 to nobody.
        Self.expect(Self.run(.init(idlePolicy: .none, idleWatts: 300, hostCPUs: 4)), a: 0, b: 0, host: 0, unattributed: 2000)
        Self.expect(Self.run(.init(idlePolicy: .reserved, idleWatts: 300, hostCPUs: 4)), a: 1000, b: 500, host: 0,
                    unattributed: 500)
    }

    @Test func conservesInEveryPolicyOverManyIntervals() {
        for policy in IdlePolicy.allCases {
            var split = LiveEnergySplit(settings: .init(idlePolicy: policy, idleWatts: 37.5, hostCPUs: 8))
            var generator = SeededGenerator(seed: 13)
            var energy = 0.0, busy = 0.0, cpu = ["x": 0.0, "y": 0.0, "z": 0.0]
            for step in 0..<500 {
                split.add(Observation(timeSeconds: Double(step) * 0.5, nodeEnergyJoules: energy, nodeBusyCPUSeconds: busy,
                                      consumerCPUSeconds: cpu, reservedCPUs: ["x": 2, "y": 4, "z": 1]))
                energy += Double.random(in: 0...200, using: &generator)  // 0–400 W over 0.5 s, below and above 37.5 W
                for key in cpu.keys { cpu[key, default: 0] += Double.random(in: 0...1.5, using: &generator) }
                busy += Double.random(in: 0...4, using: &generator)  // sometimes below the VMs' sum: a clamp
            }
            let total = split.consumerJoules.values.reduce(0, +) + split.otherProcessesJoules + split.unattributedJoules
            #expect(abs(total - split.nodeEnergyJoules) <= 1e-6 * split.nodeEnergyJoules, "\(policy)")
            #expect(split.nodeEnergyJoules > 0 && split.unattributedJoules >= -1e-9, "\(policy)")
        }
    }

    @Test func newConsumersCountFromTheirSecondScanAndCountersSurviveARestart() {
        var split = LiveEnergySplit(settings: .proportional)
        split.add(Observation(timeSeconds: 0, nodeEnergyJoules: 0, nodeBusyCPUSeconds: 0, consumerCPUSeconds: ["a": 0]))
        // 100 J, busy 2, a 1, c new: a 50, c nothing yet, rest 50 to host processes.
        split.add(Observation(timeSeconds: 1, nodeEnergyJoules: 100, nodeBusyCPUSeconds: 2, consumerCPUSeconds: ["a": 1, "c": 5]))
        #expect(split.consumerJoules == ["a": 50] && split.otherProcessesJoules == 50)
        let stored = split.counters(prefix: "v:", label: "vm", keep: ["a"])
        #expect(stored == ["v:vm.a": 50, "v:other-processes": 50, "v:unattributed": 0, "v:node": 100])
        let restarted = LiveEnergySplit(settings: .proportional, counters: stored, prefix: "v:", label: "vm")
        #expect(restarted.consumerJoules == ["a": 50] && restarted.nodeEnergyJoules == 100
                && restarted.otherProcessesJoules == 50)
    }
}
