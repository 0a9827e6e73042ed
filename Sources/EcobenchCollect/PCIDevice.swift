/// One PCI function as libpci reports it, with names from the pci.ids database.
public struct PCIDevice: Hashable, Codable, Sendable {
    /// What the device is, from its class code.
    public enum Kind: String, Hashable, Codable, Sendable {
        /// Display controller, class 0x03xx.
        case gpu
        /// Network controller, class 0x02xx.
        case nic
        /// NVM Express controller, class 0x0108.
        case nvme
        /// Processing accelerator (0x12xx) or co-processor (0x0b40).
        case accelerator
        /// Any other mass storage controller, class 0x01xx.
        case storage
        case other

        public init(classID: UInt16) {
            switch classID {
            case 0x0108: self = .nvme
            case 0x0b40: self = .accelerator
            default:
                switch classID >> 8 {
                case 0x03: self = .gpu
                case 0x02: self = .nic
                case 0x12: self = .accelerator
                case 0x01: self = .storage
                default: self = .other
                }
            }
        }
    }

    /// `domain:bus:device.function`, hexadecimal like lspci -D: `0000:00:02.0`.
    public var slot: String
    public var vendorID: UInt16
    public var deviceID: UInt16
    /// Base class and subclass, e.g. 0x0300 (VGA), 0x0108 (NVMe).
    public var classID: UInt16
    public var subsystemVendorID: UInt16
    public var subsystemID: UInt16
    /// From pci.ids; empty when the database does not know the id.
    public var vendorName: String
    public var deviceName: String
    public var className: String
    public var kind: Kind

    /// Keys as `convertFromSnakeCase` produces them (`vendor_id` → `vendorId`), so reports and
    /// stored runs decode with the same coders they were written with.
    package enum CodingKeys: String, CodingKey {
        case slot, kind, vendorName, deviceName, className
        case vendorID = "vendorId", deviceID = "deviceId", classID = "classId"
        case subsystemVendorID = "subsystemVendorId", subsystemID = "subsystemId"
    }

    public init(slot: String, vendorID: UInt16, deviceID: UInt16, classID: UInt16,
                subsystemVendorID: UInt16 = 0, subsystemID: UInt16 = 0,
                vendorName: String = "", deviceName: String = "", className: String = "") {
        self.slot = slot
        self.vendorID = vendorID
        self.deviceID = deviceID
        self.classID = classID
        self.subsystemVendorID = subsystemVendorID
        self.subsystemID = subsystemID
        self.vendorName = vendorName
        self.deviceName = deviceName
        self.className = className
        self.kind = Kind(classID: classID)
    }

    /// `vvvv:dddd:cccc` in lower-case hex, the device's identity in the inventory fingerprint.
    public var identity: String {
        [vendorID, deviceID, classID].map(Self.hex4).joined(separator: ":")
    }

    package static func hex4(_ value: UInt16) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
