import Crypto
import Foundation

/// What the machine is: CPU, memory, kernel and PCI devices; `Codable` for `ecobench inventory`.
///
/// `fingerprint` identifies the hardware, not the boot: it hashes the CPU model, sockets,
/// cores per socket, threads per core, memory rounded to GiB and the sorted
/// `vendor:device:class` list of PCI devices, never the hostname, kernel, slots or names.
public struct HardwareInventory: Hashable, Codable, Sendable {
    /// `model name` of /proc/cpuinfo (the first one), empty if absent (e.g. some ARM kernels).
    public var cpuModel: String
    /// Processors listed in /proc/cpuinfo.
    public var logicalCpus: Int
    /// Distinct `physical id`s (1 when the kernel lists none).
    public var sockets: Int
    /// Distinct `core id`s per socket.
    public var coresPerSocket: Int
    /// logicalCpus / (sockets · coresPerSocket).
    public var threadsPerCore: Int
    /// `MemTotal` of /proc/meminfo in bytes.
    public var memoryBytes: UInt64
    /// `uname -srm`-like: sysname, release and machine, e.g. `Linux 6.1.0-18-amd64 x86_64`.
    public var kernel: String
    public var pciDevices: [PCIDevice]
    /// SHA-256 hex of `canonicalDescription`.
    public var fingerprint: String

    public init(cpuModel: String, logicalCpus: Int, sockets: Int, coresPerSocket: Int,
                threadsPerCore: Int, memoryBytes: UInt64, kernel: String, pciDevices: [PCIDevice]) {
        self.cpuModel = cpuModel
        self.logicalCpus = logicalCpus
        self.sockets = sockets
        self.coresPerSocket = coresPerSocket
        self.threadsPerCore = threadsPerCore
        self.memoryBytes = memoryBytes
        self.kernel = kernel
        self.pciDevices = pciDevices
        self.fingerprint = ""
        self.fingerprint = SHA256.hash(data: Array(canonicalDescription.utf8)).map { byte in
            String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
        }.joined()
    }

    /// Reads `<procRoot>/cpuinfo`, `<procRoot>/meminfo`, uname(2) and, when `pciDevices` is
    /// nil, the PCI bus through libpci.
    public static func read(procRoot: String = "/proc", pciDevices: [PCIDevice]? = nil) throws -> HardwareInventory {
        let cpuinfo = try String(contentsOfFile: procRoot + "/cpuinfo", encoding: .utf8)
        let meminfo = try String(contentsOfFile: procRoot + "/meminfo", encoding: .utf8)
        let cpu = CPUTopology(cpuinfo: cpuinfo)
        return HardwareInventory(
            cpuModel: cpu.model, logicalCpus: cpu.logicalCpus, sockets: cpu.sockets,
            coresPerSocket: cpu.coresPerSocket, threadsPerCore: cpu.threadsPerCore,
            memoryBytes: memTotalBytes(meminfo) ?? 0, kernel: kernelDescription(),
            pciDevices: try pciDevices ?? PCIInventory.read())
    }

    /// The text `fingerprint` hashes, one `key=value` per line.
    public var canonicalDescription: String {
        let gib = (Double(memoryBytes) / 1_073_741_824).rounded()
        let pci = pciDevices.map(\.identity).sorted().joined(separator: ",")
        return [
            "cpu_model=\(cpuModel.trimmingCharacters(in: .whitespaces))",
            "sockets=\(sockets)", "cores_per_socket=\(coresPerSocket)",
            "threads_per_core=\(threadsPerCore)", "memory_gib=\(Int(gib))", "pci=\(pci)",
        ].joined(separator: "\n")
    }

    /// `MemTotal:  16318412 kB` → bytes.
    package static func memTotalBytes(_ meminfo: String) -> UInt64? {
        for line in meminfo.split(separator: "\n") where line.hasPrefix("MemTotal:") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 2, let value = UInt64(fields[1]) else { return nil }
            return fields.count >= 3 && fields[2] == "kB" ? value * 1024 : value
        }
        return nil
    }

    package static func kernelDescription() -> String {
        var names = utsname()
        guard uname(&names) == 0 else { return "" }
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return [field(names.sysname), field(names.release), field(names.machine)].joined(separator: " ")
    }
}
