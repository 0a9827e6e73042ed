/// Per-process GPU use through NVML: `nvmlDeviceGetProcessUtilization` (SM %, samples newer
/// than the last one seen) and `nvmlDeviceGetComputeRunningProcesses_v2` (memory per process).
/// Made by `NVMLProbe.discover`, which asks each GPU once whether it offers them.
///
/// Confined to the sampler thread (it keeps the last timestamp seen per GPU): `@unchecked Sendable`.
package final class NVMLProcessReader: GPUProcessReader, @unchecked Sendable {
    package let offers: [GPUProcessOffer]
    private let library: NVMLLibrary
    private var devices: [Int: OpaquePointer?] = [:]
    private var lastSeenMicroseconds: [Int: UInt64] = [:]

    /// Asks every GPU whether it offers per-process utilisation and memory. Returns nil when
    /// none does, with notes saying why, once per GPU.
    package static func discover(library: NVMLLibrary, devices: [OpaquePointer?],
                                 labels: [String]) -> (reader: NVMLProcessReader?, notes: [String]) {
        guard library.getProcessUtilization != nil else {
            return (nil, ["per-process GPU utilisation not offered: \(library.name) has no "
                          + "nvmlDeviceGetProcessUtilization (driver too old); no per-process GPU figures"])
        }
        var offers: [GPUProcessOffer] = []
        var notes: [String] = []
        var lastSeen: [Int: UInt64] = [:]
        for (index, device) in devices.enumerated() {
            // From 0, so that the driver's own timestamps set where the next read starts, whatever
            // clock it stamps with; these first samples only mark the start.
            switch Result(catching: { try library.processUtilization(device, newerThan: 0) }) {
            case .success(.values(let samples)):
                let memory: Bool
                switch Result(catching: { try library.runningProcesses(device) }) {
                case .success(.values): memory = true
                case .success(.notOffered(let why)):
                    memory = false
                    notes.append("NVML gpu\(index): per-process GPU memory not offered (\(why))")
                case .failure(let error):
                    memory = false
                    notes.append("NVML gpu\(index): per-process GPU memory not read (\(error))")
                }
                offers.append(GPUProcessOffer(gpu: index, path: labels[index], memory: memory))
                lastSeen[index] = samples.map(\.timeStampMicroseconds).max() ?? 0
            case .success(.notOffered(let why)):
                notes.append("NVML gpu\(index): per-process utilisation not offered (\(why)); no per-process GPU figures")
            case .failure(let error):
                notes.append("NVML gpu\(index): per-process utilisation not read (\(error)); no per-process GPU figures")
            }
        }
        guard !offers.isEmpty else { return (nil, notes) }
        let reader = NVMLProcessReader(library: library, offers: offers, lastSeen: lastSeen)
        for offer in offers { reader.devices[offer.gpu] = devices[offer.gpu] }
        return (reader, notes)
    }

    private init(library: NVMLLibrary, offers: [GPUProcessOffer], lastSeen: [Int: UInt64]) {
        self.library = library
        self.offers = offers
        self.lastSeenMicroseconds = lastSeen
    }

    package func usage(gpu: Int) throws -> GPUProcessUsage {
        guard let device = devices[gpu], let offer = offers.first(where: { $0.gpu == gpu }) else {
            throw NVMLError.call(function: "nvmlDeviceGetProcessUtilization", code: 2,
                                 message: "GPU \(gpu) offers no per-process utilisation")
        }
        var sums: [Int32: (total: Double, count: Double)] = [:]
        if case .values(let samples) = try library.processUtilization(device, newerThan: lastSeenMicroseconds[gpu] ?? 0) {
            for sample in samples {
                sums[sample.pid, default: (0, 0)].total += Double(sample.smPercent)
                sums[sample.pid, default: (0, 0)].count += 1
                lastSeenMicroseconds[gpu] = max(lastSeenMicroseconds[gpu] ?? 0, sample.timeStampMicroseconds)
            }
        }
        var memory: [Int32: Double]?
        if offer.memory, case .values(let processes) = try library.runningProcesses(device) {
            var bytes: [Int32: Double] = [:]
            // NVML_VALUE_NOT_AVAILABLE (e.g. another user's process): unknown, so NaN, not 0.
            for process in processes { bytes[process.pid, default: 0] += process.usedBytes.map { Double($0) } ?? .nan }
            memory = bytes
        }
        return GPUProcessUsage(smPercent: sums.mapValues { $0.total / $0.count }, memoryBytes: memory)
    }
}
