import EcobenchCore
import EcobenchTestSupport
import Testing

/// The one CPU-share split and idle policy (`CPUShareSplit`, `IdleSplit`, `IdlePolicy.idleShares`)
/// by hand, every clamp noted, and conservation through each path that calls them.
@Suite struct CPUShareSplitTests {
    @Test func theBaselinesBackgroundCPUIsNotAClaimant() {
        // Baseline: 0.25 busy CPU-s/s, no workload. Load, 10 s: the workload 4 CPU-s/s, node busy
        // 4.25 CPU-s/s → busy 42.5 s, background 0.25 × 10 = 2.5 s, denominator 40 s: share 1.
        // (Uncorrected: 40 / 42.5 = 0.941, 5.9 % low.)
        let rate = CPUShareSplit.backgroundRate(busyCPUSeconds: 2.5, consumersCPUSeconds: 0, durationSeconds: 10)
        #expect(rate == 0.25)
        let split = CPUShareSplit(consumerCPUSeconds: [40], busyCPUSeconds: 42.5, backgroundCPUPerSecond: rate,
                                  durationSeconds: 10)
        #expect(abs(split.backgroundCPUSeconds - 2.5) < 1e-12 && abs(split.denominatorCPUSeconds - 40) < 1e-12)
        #expect(abs(split.totalShare - 1) < 1e-12 && split.clamps.isEmpty && split.notes.isEmpty)
        // Two pods, 3 and 1 CPU-s, on a node busy 10 s with 2 s of background: 3/8 and 1/8.
        let pods = CPUShareSplit(consumerCPUSeconds: [3, 1], busyCPUSeconds: 10, backgroundCPUPerSecond: 0.2,
                                 durationSeconds: 10)
        #expect(pods.shares == [0.375, 0.125])
    }

    @Test func everyClampIsNoted() {
        // Workload 5 s, busy 6 s, background 0.2 × 10 = 2 s: 6 − 2 = 4 < 5 → denominator 5, share 1, noted.
        let above = CPUShareSplit(consumerCPUSeconds: [5], busyCPUSeconds: 6, backgroundCPUPerSecond: 0.2,
                                  durationSeconds: 10)
        #expect(above.shares == [1] && above.clamps == [.consumersAboveBusy])
        #expect(above.notes.count == 1 && above.notes[0].contains("5.000 s") && above.notes[0].contains("6.000 s − 2.000 s"))
        // No busy CPU: nothing shared, noted.
        let none = CPUShareSplit(consumerCPUSeconds: [5], busyCPUSeconds: nil, backgroundCPUPerSecond: nil,
                                 durationSeconds: 10)
        #expect(none.shares == [0] && none.clamps == [.noBusyCPU] && none.notes.count == 1)
        // Busy 0 but the workload used 2 s (counters a scrape apart): share 1, noted.
        let zero = CPUShareSplit(consumerCPUSeconds: [2], busyCPUSeconds: 0, backgroundCPUPerSecond: nil,
                                 durationSeconds: 10)
        #expect(zero.shares == [1] && zero.clamps == [.consumersAboveBusy])
        // Energy below the baseline: 150 J in 10 s at a 20 W baseline (200 J) → idle 150 J, dynamic 0, noted.
        let idle = IdleSplit(energyJoules: 150, baselinePowerWatts: 20, durationSeconds: 10)
        #expect(idle.idleEnergyJoules == 150 && idle.dynamicEnergyJoules == 0 && idle.notes.count == 1)
        #expect(idle.notes[0].contains("200.000 J") && idle.notes[0].contains("150.000 J"))
        // A baseline against its own power: no note.
        #expect(IdleSplit(energyJoules: 200, baselinePowerWatts: 20, durationSeconds: 10).notes.isEmpty)
    }

    @Test func idlePolicyIsOneRule() {
        // Idle 400 J; pods 3 and 1 CPU-s with shares 3/8, 1/8 (above).
        let split = CPUShareSplit(consumerCPUSeconds: [3, 1], busyCPUSeconds: 10, backgroundCPUPerSecond: 0.2,
                                  durationSeconds: 10)
        #expect(IdlePolicy.none.idleShares(idleJoules: 400, split: split, consumerCPUSeconds: [3, 1], reservedShare: 1) == [0, 0])
        // proportional: 400 × 3/8 = 150, 400 × 1/8 = 50.
        #expect(IdlePolicy.proportional.idleShares(idleJoules: 400, split: split, consumerCPUSeconds: [3, 1],
                                                   reservedShare: 1) == [150, 50])
        // reserved 0.5: 200 J for the workload, split 3:1 → 150, 50.
        #expect(IdlePolicy.reserved.idleShares(idleJoules: 400, split: split, consumerCPUSeconds: [3, 1],
                                               reservedShare: 0.5) == [150, 50])
        // reserved with no CPU at all: still the reserved share, equally (200 J → 100, 100); none in the baseline.
        let idleOnly = CPUShareSplit(consumerCPUSeconds: [0, 0], busyCPUSeconds: 1, backgroundCPUPerSecond: 0.1,
                                     durationSeconds: 10)
        #expect(IdlePolicy.reserved.idleShares(idleJoules: 400, split: idleOnly, consumerCPUSeconds: [0, 0],
                                               reservedShare: 0.5) == [100, 100])
        #expect(IdlePolicy.reserved.idleShares(idleJoules: 400, split: idleOnly, consumerCPUSeconds: [0, 0],
                                               reservedShare: 0.5, referenceWindow: true) == [0, 0])
    }

    @Test func localRunNotesItsClampsAndConserves() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        // Baseline 20 W, 0.5 busy CPU-s/s. Load 20 s at 60 W: the workload 1.2 CPU-s/s, node busy
        // 1.6: 32 − 0.5 × 20 = 22 < 24 → share clamped to 1 (noted): 800 J dynamic, all the workload's.
        // Cooldown 5 s at 15 W: below the 20 W baseline → idle 75 J, clamped (noted).
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0.5, workloadCPUPerSecond: 0),
            .init(.load, seconds: 20, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2, functionalUnits: 10),
            .init(.cooldown, seconds: 5, powerWatts: 15, busyCPUPerSecond: 0.5, workloadCPUPerSecond: 0),
        ]])
        for policy in IdlePolicy.allCases {
            let report = try ReportBuilder(store: store).build(runID: id, options: ReportOptions(idlePolicy: policy))
            let load = try #require(report.phases.first { $0.name == .load })
            #expect(abs(load.workloadCpuShare - 1) < 1e-9 && abs(load.workloadEnergyJ - (policy == .none ? 800 : 1200)) < 1e-6)
            #expect(report.notes.contains { $0.hasPrefix("load of repetition 1: workload CPU (24.000 s)") }, "\(report.notes)")
            #expect(report.notes.contains { $0.hasPrefix("cooldown of repetition 1: baseline power × duration (100.000 J)") })
            for phase in report.phases {
                #expect(abs(phase.workloadEnergyJ + phase.unattributedEnergyJ - phase.energyJ) < 1e-9)
            }
        }
    }

    @Test func clusterSplitIsBaselineCorrectedAndConserves() throws {
        let load = ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: 100_000_000_000,
                                 endUnixNanoseconds: 110_000_000_000)
        let idle = ClusterWindow(phase: "baseline", repetition: 1, startUnixNanoseconds: 80_000_000_000,
                                 endUnixNanoseconds: 90_000_000_000)
        func reading(_ joules: Double) -> NodeEnergyReading {
            NodeEnergyReading(node: "n1", source: "test", kind: .measured, energyJoules: joules, coverage: 1)
        }
        let pods = [PodCPUReading(namespace: "ns", pod: "a", podUID: "a", node: "n1", cpuSeconds: 4, source: "test"),
                    PodCPUReading(namespace: "ns", pod: "b", podUID: "b", node: "n1", cpuSeconds: 2, source: "test")]
        for policy in IdlePolicy.allCases {
            // n1: 1000 J, idle 400 J in 10 s → 40 W, dynamic 600 J. Busy 9 s, the baseline's busy 1 s
            // in 10 s → background 1 s: denominator 8 s; a 600 × 4/8 = 300 J, b 150 J.
            let result = ClusterAttribution(idlePolicy: policy, reservedShare: 0.5).attribute(
                load: load, energy: [reading(1000)], idleWindow: idle, idleEnergy: [reading(400)], pods: pods,
                busyCPUSeconds: ["n1": 9], idleBusyCPUSeconds: ["n1": 1])
            let n1 = result.nodes[0]
            #expect(n1.backgroundCPUSeconds == 1 && n1.pods.map(\.cpuShare) == [0.5, 0.25])
            #expect(n1.pods.map(\.dynamicEnergyJoules) == [300, 150])
            #expect(abs(n1.attributedEnergyJoules + n1.unattributedEnergyJoules - 1000) < 1e-9)
        }
        // Pods above busy less background (6 s against 6.5 − 1 = 5.5 s): shares over 6 s, noted.
        let clamped = ClusterAttribution().attribute(
            load: load, energy: [reading(1000)], idleWindow: idle, idleEnergy: [reading(400)], pods: pods,
            busyCPUSeconds: ["n1": 6.5], idleBusyCPUSeconds: ["n1": 1])
        #expect(clamped.nodes[0].pods.map(\.cpuShare) == [4.0 / 6, 2.0 / 6])
        #expect(clamped.nodes[0].notes.contains { $0.contains("above the node's busy CPU less the baseline's background") })
    }

    @Test func liveSplitCountsItsClamps() {
        var split = PodEnergySplit()
        split.add(.init(nodeEnergyJoules: 0, nodeBusyCPUSeconds: 0, podCPUSeconds: ["a": 0]))
        // 100 J; the pod used 2 CPU-s while busy rose 1 s: the pod's own CPU is the denominator (share 1).
        split.add(.init(nodeEnergyJoules: 100, nodeBusyCPUSeconds: 1, podCPUSeconds: ["a": 2]))
        #expect(split.podEnergyJoules["a"] == 100 && split.clampedIntervals[.consumersAboveBusy] == 1)
        #expect(split.podEnergyJoules.values.reduce(0, +) + split.unattributedJoules == split.nodeEnergyJoules)
    }
}
