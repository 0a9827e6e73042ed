import Testing
import EcobenchCore
@testable import EcobenchCollect

/// Which polled readings are new, where each is stored, and the gap rule, by hand.
@Suite struct PolledEnergyChannelTests {
    @Test func aRepeatedBMCTimestampIsNotANewReading() {
        var channel = PolledEnergyChannel(name: "ipmi", input: .powerWatts)
        for (t, watts, stamp) in [(0.0, 100.0, "a"), (1, 100, "a"), (2, 100, "a"), (3, 300, "b"), (4, 300, "b"),
                                  (5, 300, "c"), (6, 300, "c")] {
            channel.record(value: watts, bmcTimestamp: stamp, atSeconds: t)
        }
        // New at 0, 3, 5: 0–3 s (100 + 300)/2 × 3 = 600 J; 3–5 s 300 × 2 = 600 J → 1200 J.
        #expect(channel.repeatedPolls == 4)
        #expect(channel.energyJoules == 1200)
        // Closing holds the last reading to the last poll: + 300 × 1 = 1500 J at 6 s.
        channel.close()
        let stored = channel.drain()
        #expect(stored.map(\.seconds) == [0, 3, 5, 6])
        #expect(stored.map(\.joules) == [0, 600, 1200, 1500])
        #expect(channel.drain().isEmpty)
    }

    /// NVML power is read on the sampler's tick and stored there: its channel keeps no readings
    /// for `drain()`, so a day at 10 Hz piles nothing up; the energy is the same trapezoid,
    /// 0–2 s (100 + 300)/2 × 2 = 400 J.
    @Test func aChannelReadOnTheTickKeepsNoReadings() {
        var channel = PolledEnergyChannel(name: "nvml.gpu0.energy", input: .powerWatts, keepsReadings: false)
        channel.record(value: 100, atSeconds: 0)
        channel.record(value: 300, atSeconds: 2)
        #expect(channel.energyJoules == 400)
        #expect(channel.drain().isEmpty)
    }

    @Test func withoutTimestampsAStatedRefreshDecidesWhenAnUnchangedValueIsNew() {
        var channel = PolledEnergyChannel(name: "redfish", input: .powerWatts, statedRefreshSeconds: 5)
        for (t, watts) in [(0.0, 100.0), (1, 100), (2, 100), (3, 100), (4, 100), (5, 100), (6, 300)] {
            channel.record(value: watts, atSeconds: t)
        }
        // New at 0, 5 (a refresh period later) and 6 (changed): 500 + (100 + 300)/2 × 1 = 700 J.
        #expect(channel.repeatedPolls == 4)
        #expect(channel.drain().map(\.seconds) == [0, 5, 6])
        #expect(channel.energyJoules == 700)
    }

    @Test func theRefreshPeriodIsLearnedFromValueChanges() {
        var channel = PolledEnergyChannel(name: "redfish", input: .powerWatts)
        // The value changes every 2 s (at 2, 4, …, 10 s): after the fifth change the shortest
        // time between changes, 2 s, is the refresh; before, every reading counts as new.
        for t in 0...11 {
            channel.record(value: 100 + Double(t / 2), atSeconds: Double(t))
            if t < 10 { #expect(channel.refreshSeconds == nil) }
        }
        #expect(channel.refreshSeconds == 2)
        #expect(channel.repeatedPolls == 1)  // 11 s: 1 s after the new reading at 10 s
    }

    @Test func powerIsInterpolatedAcrossAGap() {
        var channel = PolledEnergyChannel(name: "redfish", input: .powerWatts)
        channel.record(value: 100, atSeconds: 0)
        channel.fail(reason: "timeout", atSeconds: 1)
        channel.fail(reason: "timeout", atSeconds: 2)
        channel.record(value: 200, atSeconds: 3)
        // The trapezoid across the gap: (100 + 200)/2 × 3 = 450 J.
        #expect(channel.energyJoules == 450)
        #expect(channel.gaps == [PolledEnergyGap(channel: "redfish", startSeconds: 0, endSeconds: 3, reason: "timeout",
                                                 failedPolls: 2)])
    }
}
