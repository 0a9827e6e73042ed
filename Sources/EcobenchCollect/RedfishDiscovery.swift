import Foundation
import EcobenchNet

/// Finds every power and energy reading a Redfish service offers, starting at `/redfish/v1`:
/// each chassis's classic `Power`, newer `PowerSubsystem` (PSU `Metrics`),
/// `EnvironmentMetrics` and `Sensors`, and rack `PowerEquipment` (`PowerShelves`, `RackPDUs`).
///
/// A sub-resource that cannot be read (404, malformed) is skipped with a note; failures that
/// would repeat everywhere (authentication, timeout) end discovery with their error.
public struct RedfishDiscovery: Sendable {
    public struct Result: Sendable {
        public var readings: [RedfishReading]
        /// Sub-resources skipped and why (no credentials in them).
        public var notes: [String]
        /// The run's shortest phase (s), against which a counter's step is judged
        /// (`RedfishSourceChoice`); nil when not known.
        public var referenceSeconds: Double?

        public init(readings: [RedfishReading], notes: [String], referenceSeconds: Double? = nil) {
            self.readings = readings
            self.notes = notes
            self.referenceSeconds = referenceSeconds
        }
    }

    public let client: RedfishClient
    /// The run's shortest phase (s), carried into the result.
    public let referenceSeconds: Double?

    public init(client: RedfishClient, referenceSeconds: Double? = nil) {
        self.client = client
        self.referenceSeconds = referenceSeconds
    }

    public func discover() throws -> Result {
        var notes: [String] = []
        let root = try client.getObject("/redfish/v1")
        var readings: [RedfishReading] = []
        if let chassisPath = RedfishJSON.link("Chassis", in: root),
           let collection = try optional(chassisPath, &notes) {
            for member in RedfishJSON.members(of: collection) {
                guard let chassis = try optional(member, &notes) else { continue }
                let id = (chassis["Id"]?.stringValue) ?? lastComponent(member)
                readings += try chassisReadings(id: id, chassis: chassis, &notes)
            }
        }
        if let equipmentPath = RedfishJSON.link("PowerEquipment", in: root),
           let equipment = try optional(equipmentPath, &notes) {
            for (key, what) in [("PowerShelves", RedfishReading.What.powerShelf), ("RackPDUs", .rackPDU)] {
                guard let path = RedfishJSON.link(key, in: equipment),
                      let collection = try optional(path, &notes) else { continue }
                for member in RedfishJSON.members(of: collection) {
                    guard let unit = try optional(member, &notes) else { continue }
                    let id = (unit["Id"]?.stringValue) ?? lastComponent(member)
                    guard let metrics = RedfishJSON.link("Metrics", in: unit),
                          let object = try optional(metrics, &notes) else { continue }
                    readings += sensorExcerpts(in: object, at: metrics, chassisID: id, what: what,
                                               power: "PowerWatts", energy: ["EnergykWh"])
                }
            }
        }
        return Result(readings: Self.accuracyFromDataSources(readings), notes: notes,
                      referenceSeconds: referenceSeconds)
    }

    /// An excerpt (`EnvironmentMetrics.PowerWatts`, PSU `Metrics`) states no accuracy itself; where
    /// its `DataSourceUri` names a `Sensor` discovery read that states one, the excerpt takes it
    /// (no extra request: sensors outside the chassis's `Sensors` stay unknown).
    package static func accuracyFromDataSources(_ readings: [RedfishReading]) -> [RedfishReading] {
        var stated: [String: RedfishAccuracy] = [:]
        for reading in readings where reading.what == .sensor {
            if let accuracy = reading.accuracy { stated[reading.resourceURI] = accuracy }
        }
        return readings.map { reading in
            var reading = reading
            if reading.accuracy == nil, let uri = reading.dataSourceURI { reading.accuracy = stated[uri] }
            return reading
        }
    }

    private func chassisReadings(id: String, chassis: JSONValue,
                                 _ notes: inout [String]) throws -> [RedfishReading] {
        var found: [RedfishReading] = []
        if let path = RedfishJSON.link("Power", in: chassis), let power = try optional(path, &notes) {
            for (index, object) in (power["PowerControl"]?.arrayValue ?? []).enumerated() {
                guard object.hasMember("PowerConsumedWatts") else { continue }
                found.append(RedfishReading(chassisID: id, what: .chassisPower, resourceURI: path,
                                            jsonPointer: "/PowerControl/\(index)/PowerConsumedWatts",
                                            unit: .watts, name: object["Name"]?.stringValue,
                                            discoveredValue: object["PowerConsumedWatts"]?.numberValue))
            }
            for (index, object) in (power["PowerSupplies"]?.arrayValue ?? []).enumerated() {
                guard object.objectMembers != nil else { continue }
                for (key, what) in [("PowerInputWatts", RedfishReading.What.psuInput),
                                    ("LastPowerOutputWatts", .psuOutput)] where object.hasMember(key) {
                    found.append(RedfishReading(chassisID: id, what: what, resourceURI: path,
                                                jsonPointer: "/PowerSupplies/\(index)/\(key)", unit: .watts,
                                                psuIndex: index, name: object["Name"]?.stringValue,
                                                discoveredValue: object[key]?.numberValue))
                }
            }
        }
        if let path = RedfishJSON.link("PowerSubsystem", in: chassis),
           let subsystem = try optional(path, &notes),
           let suppliesPath = RedfishJSON.link("PowerSupplies", in: subsystem),
           let supplies = try optional(suppliesPath, &notes) {
            for (index, member) in RedfishJSON.members(of: supplies).enumerated() {
                guard let supply = try optional(member, &notes),
                      let metricsPath = RedfishJSON.link("Metrics", in: supply),
                      let metrics = try optional(metricsPath, &notes) else { continue }
                var psu = sensorExcerpts(in: metrics, at: metricsPath, chassisID: id, what: .psuInput,
                                         power: "InputPowerWatts", energy: ["EnergykWh"])
                psu += sensorExcerpts(in: metrics, at: metricsPath, chassisID: id, what: .psuOutput,
                                      power: "OutputPowerWatts", energy: [])
                found += psu.map { var reading = $0; reading.psuIndex = index
                    reading.name = supply["Name"]?.stringValue; return reading }
            }
        }
        if let path = RedfishJSON.link("EnvironmentMetrics", in: chassis),
           let metrics = try optional(path, &notes) {
            found += sensorExcerpts(in: metrics, at: path, chassisID: id, what: .chassisPower,
                                    power: "PowerWatts", energy: ["EnergyJoules", "EnergykWh"])
        }
        if let path = RedfishJSON.link("Sensors", in: chassis), let sensors = try optional(path, &notes) {
            for member in RedfishJSON.members(of: sensors) {
                guard let sensor = try optional(member, &notes), sensor.hasMember("Reading"),
                      let unit = RedfishReading.Unit(readingType: sensor["ReadingType"]?.stringValue) else { continue }
                let value = sensor["Reading"]?.numberValue
                found.append(RedfishReading(
                    chassisID: id, what: .sensor, resourceURI: member, jsonPointer: "/Reading", unit: unit,
                    physicalContext: sensor["PhysicalContext"]?.stringValue, name: sensor["Name"]?.stringValue,
                    physicalSubContext: sensor["PhysicalSubContext"]?.stringValue, discoveredValue: value,
                    resolution: value.map { RedfishResolution.of(value: $0, precision: sensor["Precision"]?.numberValue) },
                    accuracy: RedfishAccuracy(percent: sensor["Accuracy"]?.numberValue, sensorURI: member)))
            }
        }
        return found
    }

    /// `{"PowerWatts": {"Reading": 310}}`-style sensor excerpts present in `object`; `energy`
    /// names counters (`EnergyJoules`, `EnergykWh`), their unit from the name's suffix.
    private func sensorExcerpts(in object: JSONValue, at path: String, chassisID: String,
                                what: RedfishReading.What, power: String, energy: [String]) -> [RedfishReading] {
        var found: [RedfishReading] = []
        let keys = [(power, RedfishReading.Unit.watts)] + energy.map { ($0, Self.energyUnit(ofProperty: $0)) }
        for (key, unit) in keys {
            guard let excerpt = object[key], excerpt.hasMember("Reading") else { continue }
            let value = excerpt["Reading"]?.numberValue
            found.append(RedfishReading(chassisID: chassisID, what: what, resourceURI: path,
                                        jsonPointer: "/\(key)/Reading", unit: unit, name: object["Name"]?.stringValue,
                                        discoveredValue: value,
                                        resolution: value.map { RedfishResolution.of(value: $0, precision: nil) },
                                        dataSourceURI: excerpt["DataSourceUri"]?.stringValue))
        }
        return found
    }

    /// `EnergyJoules` → J, `EnergyWh` → Wh, anything else (`EnergykWh`) → kWh.
    package static func energyUnit(ofProperty name: String) -> RedfishReading.Unit {
        if name.hasSuffix("Joules") { return .joules }
        return name.hasSuffix("kWh") ? .kilowattHours : .wattHours
    }

    /// GETs an object; failures that affect only this resource become a note.
    private func optional(_ path: String, _ notes: inout [String]) throws -> JSONValue? {
        do {
            return try client.getObject(path)
        } catch let error as RedfishError {
            switch error {
            case .authenticationFailed, .timeout, .transport: throw error
            default:
                notes.append("skipped: \(error)")
                return nil
            }
        }
    }

    private func lastComponent(_ path: String) -> String {
        path.split(separator: "/").last.map(String.init) ?? path
    }
}
