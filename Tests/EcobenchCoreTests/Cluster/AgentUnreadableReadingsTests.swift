import EcobenchCore
import Testing

@Suite struct AgentUnreadableReadingsTests {
    /// Rows every 100 ms from 0 to 1 s; `rapl` null at 0.5 s (a reset), `other` always read.
    static let samples = AgentSamples(
        channels: [.init(name: "rapl.package-0", unit: "J"), .init(name: "other", unit: "J")],
        rows: (0...10).map { i in
            let t = Int64(i) * 100_000_000
            return .init(timeUnixNanoseconds: t, values: [i == 5 ? nil : Double(i), Double(i)])
        })

    @Test func aNullReadingUncoversTheTimeBetweenTheReadingsAroundIt() {
        // Whole window: the readings around 0.5 s are at 0.4 and 0.6 s: 200 ms not covered.
        let whole = AgentUnreadableReadings.find(Self.samples, channel: "rapl.package-0", start: 0, end: 1_000_000_000)
        #expect(whole == .init(count: 1, uncoveredNanoseconds: 200_000_000))
        // A window from 0.45 s: 0.45…0.6 s, 150 ms.
        let clipped = AgentUnreadableReadings.find(Self.samples, channel: "rapl.package-0",
                                                   start: 450_000_000, end: 1_000_000_000)
        #expect(clipped == .init(count: 1, uncoveredNanoseconds: 150_000_000))
    }

    @Test func windowsWithoutANullAndOtherChannelsAreUntouched() {
        #expect(AgentUnreadableReadings.find(Self.samples, channel: "rapl.package-0", start: 0, end: 400_000_000).count == 0)
        #expect(AgentUnreadableReadings.find(Self.samples, channel: "rapl.package-0",
                                             start: 700_000_000, end: 1_000_000_000).count == 0)
        #expect(AgentUnreadableReadings.find(Self.samples, channel: "other", start: 0, end: 1_000_000_000).count == 0)
        #expect(AgentUnreadableReadings.find(Self.samples, channel: "absent", start: 0, end: 1_000_000_000).count == 0)
    }
}

/// A polled meter's channel (Redfish, IPMI) is stored in rows of its own, so the ticks' rows
/// hold null for it: those nulls are not readings, and an agent with such a meter beside its
/// tick channels must not see every interval between two polls as unreadable.
@Suite struct AgentUnreadablePolledChannelTests {
    /// Redfish readings at 0 and 1 s; tick rows every 100 ms between them carry only CPU time.
    static func samples(polled: Bool) -> AgentSamples {
        AgentSamples(
            channels: [.init(name: "redfish.bmc.1U.energy", unit: "J", energyRole: .wall, polled: polled),
                       .init(name: "node.cpu.busy_seconds", unit: "s")],
            rows: (0...10).map { i in
                let t = Int64(i) * 100_000_000
                return i == 0 || i == 10 ? .init(timeUnixNanoseconds: t, values: [Double(i) * 10, nil])
                                         : .init(timeUnixNanoseconds: t, values: [nil, Double(i)])
            })
    }

    @Test func aPolledChannelsNullsInTheTicksRowsAreNotReadings() {
        #expect(AgentUnreadableReadings.find(Self.samples(polled: true), channel: "redfish.bmc.1U.energy",
                                             start: 0, end: 1_000_000_000) == .init(count: 0, uncoveredNanoseconds: 0))
        // Not marked polled (an agent before `"polled"`): the 9 tick rows read as unreadable, 1 s.
        #expect(AgentUnreadableReadings.find(Self.samples(polled: false), channel: "redfish.bmc.1U.energy",
                                             start: 0, end: 1_000_000_000) == .init(count: 9, uncoveredNanoseconds: 1_000_000_000))
    }
}
