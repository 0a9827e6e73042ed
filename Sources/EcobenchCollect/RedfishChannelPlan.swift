/// Chooses, from everything discovery found, the reading behind each Redfish energy channel:
/// per chassis one `redfish.<host>.<chassis>.energy`, per PSU input
/// `redfish.<host>.<chassis>.psu<N>.energy`, per rack power shelf / PDU
/// `redfish.<host>.powershelf-<id>.energy` / `rackpdu-<id>.energy`; `<host>` is the full
/// host and port of the BMC endpoint.
///
/// Only a chassis's input is its wall meter (`RedfishWallContext`): `PowerControl`,
/// `EnvironmentMetrics`, or a `Sensor` whose `PhysicalContext` says chassis-level input;
/// component sensors (CPU, memory, no context) are never a channel. Each chassis with a wall
/// meter is its own node: `NodeEnergySelection` never sums two chassis. An energy counter is
/// used only where its step is small against the shortest phase's energy, else the watts
/// (`RedfishSourceChoice`).
package enum RedfishChannelPlan {
    package struct Entry: Sendable {
        package var descriptor: SourceDescriptor
        package var reading: RedfishReading
        package var input: PolledEnergyChannel.Input
    }

    /// - `referenceSeconds`: the shortest phase of the run, against which a counter's step is
    ///   judged (nil: `RedfishSourceChoice.defaultReferenceSeconds`).
    package static func entries(for readings: [RedfishReading], client: RedfishClient,
                                pollIntervalSeconds: Double, referenceSeconds: Double? = nil) -> [Entry] {
        let choice = RedfishSourceChoice(referenceSeconds: referenceSeconds)
        let host = sanitized(client.hostLabel, keep: ".:-_")
        var entries: [Entry] = []
        var chassisOrder: [String] = []
        for reading in readings where !chassisOrder.contains(reading.chassisID) {
            chassisOrder.append(reading.chassisID)
        }
        for chassisID in chassisOrder {
            let mine = readings.filter { $0.chassisID == chassisID }
            let label = sanitized(chassisID, keep: "-_")
            let chassisLevel = mine.filter(RedfishWallContext.isWall)
            if let source = choice.choose(chassisLevel) {
                entries.append(entry("redfish.\(host).\(label).energy", source, client, pollIntervalSeconds,
                                     role: .wall))
            }
            let psuIndices = Set(mine.compactMap { $0.what == .psuInput ? $0.psuIndex : nil }).sorted()
            for index in psuIndices {
                if let source = choice.choose(mine.filter { $0.what == .psuInput && $0.psuIndex == index }) {
                    entries.append(entry("redfish.\(host).\(label).psu\(index).energy", source, client,
                                         pollIntervalSeconds, role: nil))
                }
            }
            for what in [RedfishReading.What.powerShelf, .rackPDU] {
                if let source = choice.choose(mine.filter { $0.what == what }) {
                    let prefix = what == .powerShelf ? "powershelf" : "rackpdu"
                    entries.append(entry("redfish.\(host).\(prefix)-\(label).energy", source, client,
                                         pollIntervalSeconds, role: nil))
                }
            }
        }
        return entries
    }

    private static func entry(_ name: String, _ choice: RedfishSourceChoice.Decision, _ client: RedfishClient,
                              _ interval: Double, role: EnergyRole?) -> Entry {
        let reading = choice.reading
        let input: PolledEnergyChannel.Input
        var model: String
        var resolution: Double?
        if let perUnit = reading.unit.joulesPerUnit {
            resolution = reading.resolution.map { $0.step * perUnit }
            input = .cumulativeEnergy(joulesPerUnit: perUnit)
            model = "Redfish \(reading.propertyName) counter (\(reading.unit.rawValue) × \(format(perUnit)) "
                + "J/\(reading.unit.rawValue)), polled every \(format(interval)) s"
        } else {
            input = .powerWatts
            model = "integrated from Redfish \(reading.propertyName) (W), trapezoid between new readings polled "
                + "every \(format(interval)) s on CLOCK_MONOTONIC, stored at the time each was taken; power "
                + "interpolated across gaps"
        }
        if let reason = choice.reason { model += "; " + reason }
        // The meter's stated accuracy (`RedfishAccuracy`): the error budget's meter contribution.
        let accuracy = reading.accuracy
        if let accuracy {
            model += "; Sensor Accuracy ±\(format(accuracy.percent)) % of the reading (\(accuracy.sensorURI))"
        }
        model += client.tlsNote
        let descriptor = SourceDescriptor(
            name: name, kind: .measured, unit: "J", semantics: .counter, scope: .node,
            path: client.urlString(reading.resourceURI) + "#" + reading.jsonPointer,
            energyRole: role, model: model, relativeUncertainty: accuracy?.relativeStandardUncertainty,
            resolutionJoules: resolution,
            uncertaintyBasis: accuracy.map { $0.basis(url: client.urlString($0.sensorURI)) })
        return Entry(descriptor: descriptor, reading: reading, input: input)
    }

    package static func sanitized(_ text: String, keep: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || keep.contains($0)) ? $0 : "_" })
    }

    private static func format(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
