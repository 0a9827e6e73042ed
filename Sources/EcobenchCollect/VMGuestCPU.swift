/// One QEMU/KVM guest on a hypervisor and the CPU time its whole QEMU process has used (every
/// thread: vCPUs, emulator, I/O), as the agent read it.
public struct VMGuestCPU: Sendable, Equatable, Codable {
    /// Where the CPU time was read.
    public enum Origin: String, Sendable, Codable {
        /// libvirt's `machine.slice` scope, cgroup v2 (`cpu.stat` `usage_usec`).
        case machineSliceV2 = "machine-slice-v2"
        /// libvirt's `machine.slice` scope under cgroup v1 `cpuacct` (`cpuacct.usage`, ns).
        case machineSliceV1 = "machine-slice-v1"
        /// A `qemu-system-*` process (`/proc/<pid>/stat` utime + stime, USER_HZ ticks).
        case process
    }

    /// The guest's `-uuid`, lowercased (OpenStack's instance UUID).
    public var instanceUUID: String
    /// The guest's `-name` (`-name guest=N,…` gives N); "" when QEMU was given none.
    public var name: String
    /// CPU seconds of the whole QEMU process (or scope) since it started.
    public var cpuSeconds: Double
    /// vCPUs allocated (`-smp`, else the scope's `cpu.max` quota / period); nil when unknown.
    public var vcpus: Int?
    public var origin: Origin
    /// The file read for `cpuSeconds`.
    public var path: String

    public init(instanceUUID: String, name: String, cpuSeconds: Double, vcpus: Int?, origin: Origin, path: String) {
        self.instanceUUID = instanceUUID
        self.name = name
        self.cpuSeconds = cpuSeconds
        self.vcpus = vcpus
        self.origin = origin
        self.path = path
    }
}
