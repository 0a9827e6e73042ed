/// The QEMU/KVM guests on this hypervisor: libvirt's `machine.slice` scopes first (their CPU
/// counter covers every thread of the guest's QEMU), then `qemu-system-*` processes not in a
/// scope (QEMU started by hand or by another manager). One entry per instance UUID, sorted.
public struct VMDiscovery: Sendable {
    public let scopes: MachineSliceScanner?
    public let processes: QEMUProcessScanner

    /// `cgroupRoot` nil: processes only.
    public init(procRoot: String, cgroupRoot: String?) {
        processes = QEMUProcessScanner(procRoot: procRoot)
        scopes = cgroupRoot.map { MachineSliceScanner(cgroupRoot: $0, procRoot: procRoot) }
    }

    public func scan() -> (guests: [VMGuestCPU], problems: [String]) {
        let fromScopes: (guests: [VMGuestCPU], problems: [String]) = scopes?.scan() ?? (guests: [], problems: [])
        let fromProcesses = processes.scan()
        var seen = Set(fromScopes.guests.map(\.instanceUUID))
        var guests = fromScopes.guests
        for guest in fromProcesses.guests where seen.insert(guest.instanceUUID).inserted { guests.append(guest) }
        return (guests.sorted { $0.instanceUUID < $1.instanceUUID }, fromScopes.problems + fromProcesses.problems)
    }
}
