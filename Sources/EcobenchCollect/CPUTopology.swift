import Foundation

/// Sockets, cores and threads counted from /proc/cpuinfo.
///
/// Each processor block may have `model name`, `physical id` (socket) and `core id`; a kernel
/// that omits them (VMs on some hypervisors, ARM) is read as one socket with one core per
/// logical CPU.
public struct CPUTopology: Hashable, Sendable {
    public var model: String
    public var logicalCpus: Int
    public var sockets: Int
    public var coresPerSocket: Int
    public var threadsPerCore: Int

    public init(cpuinfo: String) {
        var model = ""
        var logical = 0
        var cores: Set<String> = []
        var sockets: Set<String> = []
        var physical = "0"
        var sawCoreID = false
        for line in cpuinfo.split(separator: "\n", omittingEmptySubsequences: false) {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "processor":
                logical += 1
                physical = "0"
            case "model name" where model.isEmpty:
                model = value
            case "physical id":
                physical = value
                sockets.insert(value)
            case "core id":
                sawCoreID = true
                cores.insert(physical + "/" + value)
            default:
                break
            }
        }
        self.model = model
        self.logicalCpus = logical
        self.sockets = max(1, sockets.count)
        let coreCount = sawCoreID ? cores.count : logical
        self.coresPerSocket = max(1, coreCount / self.sockets)
        self.threadsPerCore = max(1, logical / max(1, coreCount))
    }
}
