import EcobenchCore
import Testing

@Suite struct NodeDynamicAttributionTests {
    static func reading(_ phase: String, _ repetition: Int, seconds: Double, joules: Double,
                        coverage: Double = 1) -> AgentWindowReading {
        let start = Int64(repetition) * 100_000_000_000
        return AgentWindowReading(
            window: ClusterWindow(phase: phase, repetition: repetition, startUnixNanoseconds: start,
                                  endUnixNanoseconds: start + Int64(seconds * 1e9)),
            energy: NodeEnergyReading(node: "db", source: "test", kind: .measured, energyJoules: joules, coverage: coverage),
            busyCPUSeconds: nil)
    }

    @Test func dynamicAboveTheRepetitionsBaselineIsAttributedAndEnergyIsConserved() {
        let readings = [
            Self.reading("baseline", 1, seconds: 2, joules: 20),   // 10 W
            Self.reading("idle", 1, seconds: 1, joules: 12),       // 2 J above
            Self.reading("load", 1, seconds: 4, joules: 100),      // 60 J above
            Self.reading("cooldown", 1, seconds: 1, joules: 8),    // below baseline: nothing
            Self.reading("baseline", 2, seconds: 1, joules: 30),   // 30 W
            Self.reading("load", 2, seconds: 1, joules: 50),       // 20 J above
        ]
        let out = NodeDynamicAttribution.attribute(readings)
        #expect(out.map(\.attributedEnergyJoules) == [0, 2, 60, 0, 0, 20])
        #expect(out.map(\.baselinePowerWatts) == [10, 10, 10, 10, 30, 30])
        for a in out {
            #expect(a.attributedEnergyJoules + a.unattributedEnergyJoules == a.reading.energy.energyJoules)
            #expect(a.attributedEnergyJoules >= 0 && a.unattributedEnergyJoules >= 0)
        }
    }

    @Test func withoutAUsableBaselineNothingIsAttributed() {
        let out = NodeDynamicAttribution.attribute([
            Self.reading("baseline", 1, seconds: 2, joules: 0, coverage: 0),  // the agent did not answer
            Self.reading("load", 1, seconds: 4, joules: 100),
        ])
        #expect(out.map(\.attributedEnergyJoules) == [0, 0])
        #expect(out[1].unattributedEnergyJoules == 100 && out[1].baselinePowerWatts == nil)
    }
}
