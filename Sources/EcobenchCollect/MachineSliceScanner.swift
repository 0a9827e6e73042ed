import Foundation

/// Finds libvirt's QEMU scopes under a cgroup root and reads each scope's CPU time (the whole
/// QEMU process: vCPU, emulator and I/O threads):
/// - cgroup v2: `<root>/machine.slice/machine-qemu\x2d<id>\x2d<name>.scope`, `cpu.stat` `usage_usec`;
/// - cgroup v1: `<root>/cpuacct/machine.slice/…scope` (or `cpu,cpuacct`), `cpuacct.usage` (ns).
/// The scope's name is systemd-escaped and truncated; the guest's UUID, name and `-smp` are read
/// from the command line of a process in the scope (`cgroup.procs` of the scope or its `libvirt/…`
/// children) under the proc root. vCPUs: `-smp`, else `cpu.max` (v2) quota / period rounded up,
/// else the scope's `vcpu<N>` directories.
public struct MachineSliceScanner: Sendable {
    public let cgroupRoot: String
    public let processes: QEMUProcessScanner

    public init(cgroupRoot: String, procRoot: String) {
        var root = cgroupRoot
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.cgroupRoot = root
        processes = QEMUProcessScanner(procRoot: procRoot)
    }

    /// Every QEMU scope whose guest has a UUID, sorted by UUID.
    public func scan() -> (guests: [VMGuestCPU], problems: [String]) {
        var guests: [VMGuestCPU] = []
        var problems: [String] = []
        let isV2 = FileManager.default.fileExists(atPath: cgroupRoot + "/cgroup.controllers")
        let slices: [(String, VMGuestCPU.Origin)] = isV2
            ? [(cgroupRoot + "/machine.slice", .machineSliceV2)]
            : [(cgroupRoot + "/cpuacct/machine.slice", .machineSliceV1), (cgroupRoot + "/cpu,cpuacct/machine.slice", .machineSliceV1)]
        for (slice, origin) in slices {
            for entry in Self.list(slice) {
                guard let scopeName = Self.scopeGuestName(entry) else { continue }
                let scope = slice + "/" + entry
                let file = scope + (origin == .machineSliceV2 ? "/cpu.stat" : "/cpuacct.usage")
                guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                    problems.append("\(file): unreadable")
                    continue
                }
                let seconds = origin == .machineSliceV2
                    ? Self.usageSeconds(cpuStat: text)
                    : Int64(text.trimmingCharacters(in: .whitespacesAndNewlines)).map { Double($0) / 1e9 }
                guard let seconds, seconds >= 0 else {
                    problems.append("\(file): no CPU usage in it")
                    continue
                }
                guard let line = pids(scope).lazy.compactMap({ processes.commandLine(pid: $0) }).first(where: { $0.uuid != nil }),
                      let uuid = line.uuid else {
                    problems.append("\(scope): no QEMU process with -uuid in it: not attributed")
                    continue
                }
                guests.append(VMGuestCPU(instanceUUID: uuid, name: line.name ?? scopeName, cpuSeconds: seconds,
                                         vcpus: line.vcpus ?? Self.vcpus(scope: scope), origin: origin, path: file))
            }
            if !guests.isEmpty { break }  // one v1 hierarchy is enough
        }
        return (guests.sorted { $0.instanceUUID < $1.instanceUUID }, problems)
    }

    /// `machine-qemu\x2d3\x2dinstance\x2d0000002a.scope` → `instance-0000002a`; nil for other entries.
    package static func scopeGuestName(_ entry: String) -> String? {
        let decoded = entry.replacingOccurrences(of: "\\x2d", with: "-")
        guard decoded.hasPrefix("machine-qemu-"), decoded.hasSuffix(".scope") else { return nil }
        let rest = decoded.dropFirst("machine-qemu-".count).dropLast(".scope".count)
        guard let dash = rest.firstIndex(of: "-") else { return String(rest) }
        return String(rest[rest.index(after: dash)...])
    }

    /// PIDs in the scope and its child cgroups (libvirt puts QEMU in `libvirt/emulator` on v2).
    func pids(_ directory: String, depth: Int = 0) -> [Int] {
        var out = ((try? String(contentsOfFile: directory + "/cgroup.procs", encoding: .utf8)) ?? "")
            .split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard depth < 3 else { return out }
        for entry in Self.list(directory) where Self.isDirectory(directory + "/" + entry) {
            out += pids(directory + "/" + entry, depth: depth + 1)
        }
        return out
    }

    /// `cpu.max` "quota period" rounded up, else the count of `vcpu<N>` directories (also under `libvirt/`).
    static func vcpus(scope: String) -> Int? {
        if let text = try? String(contentsOfFile: scope + "/cpu.max", encoding: .utf8) {
            let fields = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
            if fields.count == 2, let quota = Double(fields[0]), let period = Double(fields[1]), quota > 0, period > 0 {
                return Int((quota / period).rounded(.up))
            }
        }
        let count = [scope, scope + "/libvirt"].map { directory in
            list(directory).filter { $0.hasPrefix("vcpu") && Int($0.dropFirst(4)) != nil }.count
        }.reduce(0, +)
        return count > 0 ? count : nil
    }

    /// `usage_usec N` of a v2 `cpu.stat`, in seconds.
    static func usageSeconds(cpuStat text: String) -> Double? {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[0] == "usage_usec", let value = Int64(fields[1]), value >= 0 {
                return Double(value) / 1e6
            }
        }
        return nil
    }

    static func list(_ directory: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
