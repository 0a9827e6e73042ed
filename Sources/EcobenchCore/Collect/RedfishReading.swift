/// One power or energy value a Redfish service offers: where it lives and what it covers.
public struct RedfishReading: Sendable, Hashable, CustomStringConvertible {
    /// What the value describes.
    public enum What: String, Sendable, Hashable, CaseIterable {
        /// Whole-chassis power/energy (`PowerControl[]`, `EnvironmentMetrics`).
        case chassisPower
        /// A power supply's input (AC side, wall power share).
        case psuInput
        /// A power supply's output (DC side; excludes conversion loss).
        case psuOutput
        /// A `Sensors` member with `ReadingType` `Power` or `EnergykWh`.
        case sensor
        /// A rack power shelf (`PowerEquipment/PowerShelves`, Open Compute central shelf).
        case powerShelf
        /// A rack PDU (`PowerEquipment/RackPDUs`).
        case rackPDU
    }

    /// Unit of the value at `jsonPointer`.
    public enum Unit: String, Sendable, Hashable {
        case watts = "W"
        case kilowattHours = "kWh"
    }

    /// The chassis `Id` (or the power shelf's / PDU's `Id` for rack equipment).
    public var chassisID: String
    public var what: What
    /// Service path of the resource holding the value, e.g. `/redfish/v1/Chassis/1/Power`.
    public var resourceURI: String
    /// RFC 6901 pointer of the value inside that resource, e.g. `/PowerControl/0/PowerConsumedWatts`.
    public var jsonPointer: String
    public var unit: Unit
    /// For PSUs: the supply's position (0-based) in `PowerSupplies`.
    public var psuIndex: Int?
    /// A sensor's `PhysicalContext` (`Chassis`, `PowerSupply`, `CPU`...), when given.
    public var physicalContext: String?
    /// The resource's `Name`, for reports.
    public var name: String?

    public init(chassisID: String, what: What, resourceURI: String, jsonPointer: String,
                unit: Unit, psuIndex: Int? = nil, physicalContext: String? = nil,
                name: String? = nil) {
        self.chassisID = chassisID
        self.what = what
        self.resourceURI = resourceURI
        self.jsonPointer = jsonPointer
        self.unit = unit
        self.psuIndex = psuIndex
        self.physicalContext = physicalContext
        self.name = name
    }

    /// The property's name: the last token of the pointer that is not `Reading`.
    public var propertyName: String {
        let tokens = jsonPointer.split(separator: "/").map(String.init)
        return tokens.last(where: { $0 != "Reading" }) ?? jsonPointer
    }

    public var description: String {
        let psu = psuIndex.map { " psu\($0)" } ?? ""
        return "\(chassisID) \(what.rawValue)\(psu): \(resourceURI)#\(jsonPointer) [\(unit.rawValue)]"
    }
}
