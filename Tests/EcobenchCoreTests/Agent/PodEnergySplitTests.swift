import EcobenchCore
import Testing

@Suite("Live per-pod energy split of the agent")
struct PodEnergySplitTests {
    typealias Observation = PodEnergySplit.Observation

    @Test func sharesNodeEnergyByCPUTimeAndConserves() {
        var split = PodEnergySplit()
        split.add(Observation(nodeEnergyJoules: 1000, nodeBusyCPUSeconds: 50, podCPUSeconds: ["a": 10, "b": 20]))
        #expect(split.podEnergyJoules.isEmpty && split.nodeEnergyJoules == 0, "the first scan only sets the origin")
        // 5 s at 100 W: 500 J; busy 4 CPU-s of which a used 1, b 2: a 125 J, b 250 J, rest 125 J.
        split.add(Observation(nodeEnergyJoules: 1500, nodeBusyCPUSeconds: 54, podCPUSeconds: ["a": 11, "b": 22]))
        #expect(abs((split.podEnergyJoules["a"] ?? 0) - 125) < 1e-9)
        #expect(abs((split.podEnergyJoules["b"] ?? 0) - 250) < 1e-9)
        #expect(abs(split.unattributedJoules - 125) < 1e-9)
        // A new pod c counts from its second scan. The pods used more than "busy" (4 against 3
        // CPU-s: scans are not atomic), so their own sum is the denominator: a 2, b 2 → 150 J each.
        split.add(Observation(nodeEnergyJoules: 1800, nodeBusyCPUSeconds: 57, podCPUSeconds: ["a": 13, "b": 24, "c": 5]))
        #expect(abs((split.podEnergyJoules["a"] ?? 0) - 275) < 1e-9)
        #expect(abs((split.podEnergyJoules["b"] ?? 0) - 400) < 1e-9)
        #expect(split.podEnergyJoules["c"] == nil)
        let attributed = split.podEnergyJoules.values.reduce(0, +)
        #expect(abs(attributed + split.unattributedJoules - split.nodeEnergyJoules) < 1e-9)
        #expect(split.nodeEnergyJoules == 800)
    }

    @Test func noBusyTimeOrACounterGoingBackwardsAttributesNothing() {
        var split = PodEnergySplit()
        split.add(Observation(nodeEnergyJoules: 100, nodeBusyCPUSeconds: 5, podCPUSeconds: ["a": 1]))
        split.add(Observation(nodeEnergyJoules: 150, nodeBusyCPUSeconds: 5, podCPUSeconds: ["a": 1]))
        #expect(split.unattributedJoules == 50 && (split.podEnergyJoules["a"] ?? 0) == 0)
        split.add(Observation(nodeEnergyJoules: 20, nodeBusyCPUSeconds: 6, podCPUSeconds: ["a": 2]))
        #expect(split.nodeEnergyJoules == 50, "a reset is a new origin, not negative energy")
        split.add(Observation(nodeEnergyJoules: 40, nodeBusyCPUSeconds: 7, podCPUSeconds: ["a": 3]))
        #expect(abs((split.podEnergyJoules["a"] ?? 0) - 20) < 1e-9)
    }
}

extension PodEnergySplitTests {
    @Test func totalsSurviveARestartThroughStoredCountersAndGonePodsAreDropped() {
        var split = PodEnergySplit()
        split.add(Observation(nodeEnergyJoules: 0, nodeBusyCPUSeconds: 0, podCPUSeconds: ["a": 0, "b": 0]))
        split.add(Observation(nodeEnergyJoules: 100, nodeBusyCPUSeconds: 2, podCPUSeconds: ["a": 1, "b": 1]))
        let stored = split.counters(prefix: "p:", keep: ["a", "b"])
        var restarted = PodEnergySplit(counters: stored.merging(["rapl.psys": 5]) { first, _ in first }, prefix: "p:")
        #expect(restarted.podEnergyJoules == ["a": 50, "b": 50] && restarted.nodeEnergyJoules == 100)
        // After the restart the first scan is a new origin; b has gone and is forgotten.
        restarted.add(Observation(nodeEnergyJoules: 7, nodeBusyCPUSeconds: 9, podCPUSeconds: ["a": 3]))
        restarted.add(Observation(nodeEnergyJoules: 17, nodeBusyCPUSeconds: 10, podCPUSeconds: ["a": 4]))
        #expect(restarted.podEnergyJoules == ["a": 60])
        #expect(restarted.counters(prefix: "p:", keep: ["a"]).keys.sorted() == ["p:node", "p:pod.a", "p:unattributed"])
    }
}
