import Foundation

/// The QEMU/KVM guests on this hypervisor: libvirt's `machine.slice` scopes first (their CPU
/// counter covers every thread of the guest's QEMU), then `qemu-system-*` processes not in a
/// scope (QEMU started by hand or by another manager). One entry per instance UUID, sorted.
/// The host's busy CPU time is read in the same scan, so a split compares the guests' and the
/// host's CPU over one interval (a reading belongs to the time it was taken).
public struct VMDiscovery: Sendable {
    public let procRoot: String
    public let scopes: MachineSliceScanner?
    public let processes: QEMUProcessScanner

    /// `cgroupRoot` nil: processes only.
    public init(procRoot: String, cgroupRoot: String?) {
        self.procRoot = procRoot
        processes = QEMUProcessScanner(procRoot: procRoot)
        scopes = cgroupRoot.map { MachineSliceScanner(cgroupRoot: $0, procRoot: procRoot) }
    }

    /// The host's busy CPU seconds since boot, `<procRoot>/stat`'s aggregate line (user + nice +
    /// system + irq + softirq: `CPUTimes.busyTicks`, the sampler's `node.cpu.busy_seconds`); nil
    /// (with the reason in `problems`) when unreadable.
    public func hostBusyCPUSeconds() -> (seconds: Double?, problem: String?) {
        let path = procRoot + "/stat"
        do {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            return (Double(try ProcStat.parse(text: text, path: path).aggregate.busyTicks) / ProcStat.ticksPerSecond, nil)
        } catch {
            return (nil, "host busy CPU: \(error)")
        }
    }

    public func scan() -> (guests: [VMGuestCPU], hostBusyCPUSeconds: Double?, problems: [String]) {
        let busy = hostBusyCPUSeconds()
        let fromScopes: (guests: [VMGuestCPU], problems: [String]) = scopes?.scan() ?? (guests: [], problems: [])
        let fromProcesses = processes.scan()
        var seen = Set(fromScopes.guests.map(\.instanceUUID))
        var guests = fromScopes.guests
        for guest in fromProcesses.guests where seen.insert(guest.instanceUUID).inserted { guests.append(guest) }
        return (guests.sorted { $0.instanceUUID < $1.instanceUUID }, busy.seconds,
                fromScopes.problems + fromProcesses.problems + (busy.problem.map { [$0] } ?? []))
    }
}
