import Foundation

/// Finds `qemu-system-*` processes under a proc root (`/proc` on a hypervisor, a fixture tree in
/// tests) and reads each one's CPU time: `/proc/<pid>/stat` utime + stime (all its threads:
/// vCPUs, emulator and I/O threads) over USER_HZ. The guest's UUID, name and vCPUs come from
/// `/proc/<pid>/cmdline` (`QEMUCommandLine`). A QEMU without `-uuid` cannot be named and is
/// reported in `problems`.
public struct QEMUProcessScanner: Sendable {
    public let procRoot: String
    public let ticksPerSecond: Double

    public init(procRoot: String, ticksPerSecond: Double = ProcStat.ticksPerSecond) {
        var root = procRoot
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        self.procRoot = root
        self.ticksPerSecond = ticksPerSecond
    }

    /// The QEMU command line of one process; nil when it is not QEMU or has gone.
    public func commandLine(pid: Int) -> QEMUCommandLine? {
        guard let data = FileManager.default.contents(atPath: "\(procRoot)/\(pid)/cmdline") else { return nil }
        return QEMUCommandLine(cmdline: String(decoding: data, as: UTF8.self))
    }

    /// CPU seconds of one process (utime + stime) from its stat line.
    public func cpuSeconds(pid: Int) throws -> Double {
        let path = "\(procRoot)/\(pid)/stat"
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CollectError.malformed(path: path, detail: "unreadable")
        }
        let stat = try Array(data).withUnsafeBufferPointer { try ProcessStat.parse($0, path: path, parseComm: false) }
        return Double(stat.cpuTicks) / ticksPerSecond
    }

    /// Every QEMU guest process with a `-uuid`, sorted by UUID.
    public func scan() -> (guests: [VMGuestCPU], problems: [String]) {
        var guests: [VMGuestCPU] = []
        var problems: [String] = []
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? []
        for pid in entries.compactMap({ Int($0) }).sorted() {
            guard let line = commandLine(pid: pid) else { continue }
            guard let uuid = line.uuid else {
                problems.append("\(procRoot)/\(pid)/cmdline: \(line.executable) without -uuid: not attributed")
                continue
            }
            do {
                guests.append(VMGuestCPU(instanceUUID: uuid, name: line.name ?? "", cpuSeconds: try cpuSeconds(pid: pid),
                                         vcpus: line.vcpus, origin: .process, path: "\(procRoot)/\(pid)/stat"))
            } catch {
                problems.append("\(error)")
            }
        }
        return (guests.sorted { $0.instanceUUID < $1.instanceUUID }, problems)
    }
}
