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
        /// A `Sensors` member with `ReadingType` `Power`, `EnergyJoules`, `EnergyWh` or `EnergykWh`
        /// (the wall only when its `PhysicalContext` says so: `RedfishWallContext`).
        case sensor
        /// A rack power shelf (`PowerEquipment/PowerShelves`, Open Compute central shelf).
        case powerShelf
        /// A rack PDU (`PowerEquipment/RackPDUs`).
        case rackPDU
    }

    /// Unit of the value at `jsonPointer`.
    public enum Unit: String, Sendable, Hashable {
        case watts = "W"
        case joules = "J"
        case wattHours = "Wh"
        case kilowattHours = "kWh"

        /// Joules in one unit of an energy counter; nil for power (W).
        public var joulesPerUnit: Double? {
            switch self {
            case .watts: return nil
            case .joules: return 1
            case .wattHours: return 3600
            case .kilowattHours: return 3.6e6
            }
        }

        /// The unit of a `Sensor`'s `ReadingType` that ecobench reads (Redfish `Sensor` schema).
        public init?(readingType: String?) {
            switch readingType {
            case "Power": self = .watts
            case "EnergyJoules": self = .joules
            case "EnergyWh": self = .wattHours
            case "EnergykWh": self = .kilowattHours
            default: return nil
            }
        }
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
    /// A sensor's `PhysicalSubContext` (`Input`, `Output`), when given.
    public var physicalSubContext: String?
    /// The resource's `Name`, for reports.
    public var name: String?
    /// The value seen at discovery (nil when null or absent): the reference power of a watts
    /// reading, and the evidence of a counter's resolution.
    public var discoveredValue: Double?
    /// One step of the value, in `unit`, and how it is known (`RedfishResolution`).
    public var resolution: RedfishResolution?
    /// An excerpt's `DataSourceUri`: the `Sensor` behind it (`EnvironmentMetrics.PowerWatts` →
    /// `/redfish/v1/Chassis/1U/Sensors/TotalPower`), where given.
    public var dataSourceURI: String?
    /// The `Sensor`'s stated `Accuracy` (its own, or that of the sensor `dataSourceURI` names);
    /// nil where none is stated.
    public var accuracy: RedfishAccuracy?

    public init(chassisID: String, what: What, resourceURI: String, jsonPointer: String,
                unit: Unit, psuIndex: Int? = nil, physicalContext: String? = nil,
                name: String? = nil, physicalSubContext: String? = nil,
                discoveredValue: Double? = nil, resolution: RedfishResolution? = nil,
                dataSourceURI: String? = nil, accuracy: RedfishAccuracy? = nil) {
        self.chassisID = chassisID
        self.what = what
        self.resourceURI = resourceURI
        self.jsonPointer = jsonPointer
        self.unit = unit
        self.psuIndex = psuIndex
        self.physicalContext = physicalContext
        self.name = name
        self.physicalSubContext = physicalSubContext
        self.discoveredValue = discoveredValue
        self.resolution = resolution
        self.dataSourceURI = dataSourceURI
        self.accuracy = accuracy
    }

    /// The property's name: the last token of the pointer that is not `Reading`; for a
    /// `Sensor` (pointer `/Reading`) "Sensor <Id>" from its path.
    public var propertyName: String {
        let tokens = jsonPointer.split(separator: "/").map(String.init)
        if let token = tokens.last(where: { $0 != "Reading" }) { return token }
        return resourceURI.split(separator: "/").last.map { "Sensor \($0)" } ?? jsonPointer
    }

    public var description: String {
        let psu = psuIndex.map { " psu\($0)" } ?? ""
        return "\(chassisID) \(what.rawValue)\(psu): \(resourceURI)#\(jsonPointer) [\(unit.rawValue)]"
    }
}
