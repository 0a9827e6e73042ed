import CPCI

/// The one wrapper around libpci (pciutils): nothing else imports `CPCI`.
///
/// Names come from libpci's ID database (`/usr/share/misc/pci.ids`, Debian package `pci.ids`);
/// an id it does not know gives an empty name. libpci's fatal errors come back from the C shim
/// as return values (its handler never exits the process) and are thrown as `PCIError`.
public enum PCIInventory {
    private static let nameCapacity = 256
    private static let errorCapacity = 256

    /// Every PCI function on the machine, in libpci's scan order.
    public static func read() throws(PCIError) -> [PCIDevice] {
        var error = [CChar](repeating: 0, count: errorCapacity)
        guard let access = ecobench_pci_open(&error, error.count) else {
            throw .openFailed(message: text(error))
        }
        defer { ecobench_pci_close(access) }
        var devices: [PCIDevice] = []
        var cursor = access.pointee.devices
        while let device = cursor {
            cursor = device.pointee.next
            devices.append(try describe(device, access: access))
        }
        return devices
    }

    private static func describe(_ device: UnsafeMutablePointer<pci_dev>,
                                 access: UnsafeMutablePointer<pci_access>) throws(PCIError) -> PCIDevice {
        var error = [CChar](repeating: 0, count: errorCapacity)
        let slot = slotName(device.pointee)
        if ecobench_pci_fill(access, device, &error, error.count) != 0 {
            throw .fillFailed(slot: slot, message: text(error))
        }
        var vendor = [CChar](repeating: 0, count: nameCapacity)
        var name = [CChar](repeating: 0, count: nameCapacity)
        var className = [CChar](repeating: 0, count: nameCapacity)
        if ecobench_pci_names(access, device, &vendor, vendor.count, &name, name.count,
                              &className, className.count, &error, error.count) != 0 {
            throw .namesFailed(slot: slot, message: text(error))
        }
        let d = device.pointee
        return PCIDevice(slot: slot, vendorID: d.vendor_id, deviceID: d.device_id,
                         classID: d.device_class, subsystemVendorID: d.subsys_vendor_id,
                         subsystemID: d.subsys_id, vendorName: text(vendor),
                         deviceName: text(name), className: text(className))
    }

    private static func slotName(_ d: pci_dev) -> String {
        func hex(_ value: Int, width: Int) -> String {
            let digits = String(value, radix: 16)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(hex(Int(d.domain), width: 4)):\(hex(Int(d.bus), width: 2)):"
            + "\(hex(Int(d.dev), width: 2)).\(hex(Int(d.func), width: 1))"
    }

    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
