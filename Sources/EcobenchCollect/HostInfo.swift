import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// What machine a run was measured on. Every field tolerates a missing file.
public struct HostInfo: Codable, Hashable, Sendable {
    /// `/proc/cpuinfo` "model name" of the first CPU.
    public var cpuModel: String?
    /// Online logical CPUs.
    public var logicalCPUs: Int
    /// Distinct "physical id" values in `/proc/cpuinfo`, when the kernel reports them.
    public var sockets: Int?
    /// MemTotal.
    public var memoryBytes: Int64?
    /// Kernel release (`uname -r`).
    public var kernel: String?
    public var hostname: String?
    /// PRETTY_NAME from os-release.
    public var os: String?

    public init(cpuModel: String?, logicalCPUs: Int, sockets: Int?, memoryBytes: Int64?,
                kernel: String?, hostname: String?, os: String?) {
        self.cpuModel = cpuModel
        self.logicalCPUs = logicalCPUs
        self.sockets = sockets
        self.memoryBytes = memoryBytes
        self.kernel = kernel
        self.hostname = hostname
        self.os = os
    }

    public static func read(procRoot: String = "/proc", sysfsRoot: String = "/sys",
                            osReleasePath: String = "/etc/os-release") -> HostInfo {
        var model: String?
        var processors = 0
        var physicalIDs = Set<String>()
        if let cpuinfo = try? SysfsFile.readText(path: procRoot + "/cpuinfo") {
            for line in cpuinfo.split(separator: "\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                let key = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                switch key {
                case "processor": processors += 1
                case "model name" where model == nil: model = value
                case "physical id": physicalIDs.insert(value)
                default: break
                }
            }
        }
        var logical = onlineCPUs(sysfsRoot: sysfsRoot) ?? processors
        if logical <= 0 { logical = max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

        let memory = (try? SysfsFile(path: procRoot + "/meminfo")).flatMap { file in
            try? file.withContents { try MemInfo.parse($0, path: file.path) }.totalBytes
        }
        var uts = utsname()
        let unameOK = uname(&uts) == 0
        func field<T>(_ value: inout T) -> String {
            withUnsafePointer(to: &value) {
                $0.withMemoryRebound(to: CChar.self, capacity: MemoryLayout<T>.size) { String(cString: $0) }
            }
        }
        let kernel = (try? SysfsFile.readText(path: procRoot + "/sys/kernel/osrelease"))
            ?? (unameOK ? field(&uts.release) : nil)
        let hostname = (try? SysfsFile.readText(path: procRoot + "/sys/kernel/hostname"))
            ?? (unameOK ? field(&uts.nodename) : nil)
        return HostInfo(cpuModel: model, logicalCPUs: logical,
                        sockets: physicalIDs.isEmpty ? nil : physicalIDs.count,
                        memoryBytes: memory, kernel: kernel, hostname: hostname,
                        os: prettyName(osReleasePath: osReleasePath))
    }

    /// Counts `<sysfsRoot>/devices/system/cpu/online` ("0-3,8-11" → 8).
    package static func onlineCPUs(sysfsRoot: String) -> Int? {
        guard let text = try? SysfsFile.readText(path: sysfsRoot + "/devices/system/cpu/online") else { return nil }
        var count = 0
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if bounds.count == 2, bounds[1] >= bounds[0] { count += bounds[1] - bounds[0] + 1 }
            else if bounds.count == 1 { count += 1 }
        }
        return count > 0 ? count : nil
    }

    package static func prettyName(osReleasePath: String) -> String? {
        guard let text = try? SysfsFile.readText(path: osReleasePath) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix("PRETTY_NAME=") {
            var value = line.dropFirst("PRETTY_NAME=".count)
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 {
                value = value.dropFirst().dropLast()
            }
            return String(value)
        }
        return nil
    }
}
