/// Chooses, from everything discovery found, the reading behind each Redfish energy channel:
/// per chassis one `redfish.<host>.<chassis>.energy`, per PSU input
/// `redfish.<host>.<chassis>.psu<N>.energy`, per rack power shelf / PDU
/// `redfish.<host>.powershelf-<id>.energy` / `rackpdu-<id>.energy`.
///
/// An energy reading (kWh) is preferred over a power reading (W): the BMC's meter integrates
/// faster than we can poll. Among power readings, `PowerControl`/`EnvironmentMetrics` come
/// before chassis-context `Sensors`.
enum RedfishChannelPlan {
    struct Entry: Sendable {
        var descriptor: SourceDescriptor
        var reading: RedfishReading
        var input: PolledEnergyChannel.Input
    }

    static func entries(for readings: [RedfishReading], client: RedfishClient,
                        pollIntervalSeconds: Double) -> [Entry] {
        let host = sanitized(client.hostLabel, keep: ".:-_")
        var entries: [Entry] = []
        var chassisOrder: [String] = []
        for reading in readings where !chassisOrder.contains(reading.chassisID) {
            chassisOrder.append(reading.chassisID)
        }
        for chassisID in chassisOrder {
            let mine = readings.filter { $0.chassisID == chassisID }
            let label = sanitized(chassisID, keep: "-_")
            let chassisLevel = mine.filter {
                $0.what == .chassisPower
                    || $0.what == .sensor && ($0.physicalContext == nil || $0.physicalContext == "Chassis")
            }
            if let source = preferred(chassisLevel) {
                entries.append(entry("redfish.\(host).\(label).energy", source, client, pollIntervalSeconds,
                                     role: .wall))
            }
            let psuIndices = Set(mine.compactMap { $0.what == .psuInput ? $0.psuIndex : nil }).sorted()
            for index in psuIndices {
                if let source = preferred(mine.filter { $0.what == .psuInput && $0.psuIndex == index }) {
                    entries.append(entry("redfish.\(host).\(label).psu\(index).energy", source, client,
                                         pollIntervalSeconds, role: nil))
                }
            }
            for what in [RedfishReading.What.powerShelf, .rackPDU] {
                if let source = preferred(mine.filter { $0.what == what }) {
                    let prefix = what == .powerShelf ? "powershelf" : "rackpdu"
                    entries.append(entry("redfish.\(host).\(prefix)-\(label).energy", source, client,
                                         pollIntervalSeconds, role: nil))
                }
            }
        }
        return entries
    }

    /// kWh first, then non-sensor W, then sensor W; discovery order breaks ties.
    private static func preferred(_ candidates: [RedfishReading]) -> RedfishReading? {
        candidates.min { rank($0) < rank($1) }
    }

    private static func rank(_ reading: RedfishReading) -> Int {
        (reading.unit == .kilowattHours ? 0 : 2) + (reading.what == .sensor ? 1 : 0)
    }

    private static func entry(_ name: String, _ reading: RedfishReading, _ client: RedfishClient,
                              _ interval: Double, role: EnergyRole?) -> Entry {
        let input: PolledEnergyChannel.Input
        let model: String
        switch reading.unit {
        case .kilowattHours:
            input = .cumulativeEnergy(joulesPerUnit: 3.6e6)
            model = "Redfish \(reading.propertyName) counter (kWh × 3.6e6 J/kWh, resolution as the BMC "
                + "reports it), polled every \(format(interval)) s" + client.tlsNote
        case .watts:
            input = .powerWatts
            model = "integrated from Redfish \(reading.propertyName) (W), trapezoid between new readings polled "
                + "every \(format(interval)) s on CLOCK_MONOTONIC, stored at the time each was taken; power "
                + "interpolated across gaps" + client.tlsNote
        }
        let descriptor = SourceDescriptor(
            name: name, kind: .measured, unit: "J", semantics: .counter, scope: .node,
            path: client.urlString(reading.resourceURI) + "#" + reading.jsonPointer,
            energyRole: role, model: model)
        return Entry(descriptor: descriptor, reading: reading, input: input)
    }

    static func sanitized(_ text: String, keep: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || keep.contains($0)) ? $0 : "_" })
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
