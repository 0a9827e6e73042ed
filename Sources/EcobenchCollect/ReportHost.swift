/// The machine the run was measured on.
public struct ReportHost: Codable, Sendable, Equatable {
    public var hostname: String
    public var cpuModel: String
    public var logicalCpus: Int
    public var sockets: Int?
    public var memoryBytes: Int64
    public var kernel: String
    public var os: String
    public var coresPerSocket: Int?
    public var threadsPerCore: Int?
    /// SHA-256 of the hardware description (CPU, sockets, cores, threads, memory in GiB, PCI ids):
    /// runs on the same hardware share it. Absent where the inventory could not be read.
    public var fingerprint: String?
    public var pciDevices: [PCIDevice]?
    /// True when the CPU flags say a hypervisor runs this machine (a VM).
    public var virtualMachine: Bool?

    public init(hostname: String, cpuModel: String, logicalCpus: Int, sockets: Int?, memoryBytes: Int64,
                kernel: String, os: String) {
        self.hostname = hostname
        self.cpuModel = cpuModel
        self.logicalCpus = logicalCpus
        self.sockets = sockets
        self.memoryBytes = memoryBytes
        self.kernel = kernel
        self.os = os
    }

    /// Adds what the hardware inventory knows (topology, PCI devices, fingerprint).
    public mutating func merge(_ inventory: HardwareInventory) {
        if cpuModel == "unknown" { cpuModel = inventory.cpuModel }
        sockets = inventory.sockets
        coresPerSocket = inventory.coresPerSocket
        threadsPerCore = inventory.threadsPerCore
        fingerprint = inventory.fingerprint
        pciDevices = inventory.pciDevices
    }
}
