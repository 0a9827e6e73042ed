/// What can go wrong reading the PCI bus; thrown only by `PCIInventory`.
public enum PCIError: Error, Equatable, Sendable, CustomStringConvertible {
    /// pci_init or pci_scan_bus failed (no access method: no /sys/bus/pci, no /proc/bus/pci).
    case openFailed(message: String)
    /// pci_fill_info failed for one device.
    case fillFailed(slot: String, message: String)
    /// Looking up names in pci.ids failed (a damaged database).
    case namesFailed(slot: String, message: String)

    public var description: String {
        switch self {
        case let .openFailed(message): return "cannot scan the PCI bus: \(message)"
        case let .fillFailed(slot, message): return "cannot read PCI device \(slot): \(message)"
        case let .namesFailed(slot, message): return "cannot look up names of PCI device \(slot): \(message)"
        }
    }
}
