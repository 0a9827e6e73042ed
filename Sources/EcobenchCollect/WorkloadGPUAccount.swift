/// The workload's use of each GPU that offers per-process utilisation, kept by `WorkloadProbe`
/// at its per-process detail cadence (every few seconds and at each phase boundary). Channels
/// per such GPU `i` (kind measured):
/// - `workload.gpu<i>.sm_seconds` (s, counter, scope workload): Σ over the workload's processes
///   of (SM utilisation / 100) × the time since the previous read;
/// - `nvml.gpu<i>.sm_seconds` (s, counter, scope node): the same over every process on the GPU,
///   the denominator of the workload's share;
/// - `workload.gpu<i>.memory_bytes` (B, gauge): GPU memory the workload's processes hold, where
///   the driver offers it.
/// A process's utilisation is the mean of the driver's samples for it since the previous read,
/// held over that stretch; a process without a sample used none. A read that fails leaves the
/// GPU's channels `.nan` until the next read (a gap); the counters then resume where they were,
/// the next read covering the whole stretch since the last good one.
///
/// Confined to the sampler thread with its probe: `@unchecked Sendable`.
package final class WorkloadGPUAccount: @unchecked Sendable {
    private struct GPU {
        var offer: GPUProcessOffer
        var workloadSMSeconds = 0.0
        var allSMSeconds = 0.0
        var memoryBytes = 0.0
        var valid = false
        /// When this GPU was last read successfully; the next read covers the time since.
        var lastReadNanoseconds: Int64?
    }

    package let channels: [SourceDescriptor]
    private let reader: any GPUProcessReader
    private var gpus: [GPU]
    /// Pids followed at the previous read: a process that ended since still counts for its samples.
    private var previousPIDs: Set<Int32> = []

    package init(reader: any GPUProcessReader) {
        self.reader = reader
        gpus = reader.offers.map { GPU(offer: $0) }
        channels = reader.offers.flatMap { offer -> [SourceDescriptor] in
            let source = "NVML per-process utilisation (GPU \(offer.gpu)): " + offer.path
            var out = [
                SourceDescriptor(name: "workload.gpu\(offer.gpu).sm_seconds", kind: .measured, unit: "s",
                                 semantics: .counter, scope: .workload, path: source,
                                 model: "Σ workload processes' SM utilisation (nvmlDeviceGetProcessUtilization) × time"),
                SourceDescriptor(name: "nvml.gpu\(offer.gpu).sm_seconds", kind: .measured, unit: "s",
                                 semantics: .counter, scope: .node, path: source,
                                 model: "Σ every process's SM utilisation (nvmlDeviceGetProcessUtilization) × time"),
            ]
            if offer.memory {
                out.append(SourceDescriptor(name: "workload.gpu\(offer.gpu).memory_bytes", kind: .measured, unit: "B",
                                            semantics: .gauge, scope: .workload,
                                            path: "NVML per-process memory (GPU \(offer.gpu), "
                                                + "nvmlDeviceGetComputeRunningProcesses): " + offer.path))
            }
            return out
        }
    }

    /// Reads every GPU and adds the time since the previous read; the first read only sets the start.
    package func update(pids: [Int32], nowNanoseconds: Int64) {
        let current = Set(pids)
        let workload = current.union(previousPIDs)
        previousPIDs = current
        for index in gpus.indices {
            guard let usage = try? reader.usage(gpu: gpus[index].offer.gpu) else {
                gpus[index].valid = false  // the driver keeps its samples: the next read covers this stretch too
                continue
            }
            let elapsedSeconds = gpus[index].lastReadNanoseconds.map { Double(max(0, nowNanoseconds - $0)) / 1e9 }
            gpus[index].lastReadNanoseconds = nowNanoseconds
            if let elapsedSeconds {
                for (pid, percent) in usage.smPercent {
                    let busy = max(0, percent) / 100 * elapsedSeconds
                    gpus[index].allSMSeconds += busy
                    if workload.contains(pid) { gpus[index].workloadSMSeconds += busy }
                }
            }
            if let memory = usage.memoryBytes {
                gpus[index].memoryBytes = memory.reduce(0) { $0 + (current.contains($1.key) ? $1.value : 0) }
            } else {
                gpus[index].memoryBytes = .nan  // offered at discovery, not this time: a gap
            }
            gpus[index].valid = true
        }
    }

    /// Writes the current values, in `channels` order.
    package func write(into values: UnsafeMutableBufferPointer<Double>, from offset: Int) {
        var i = offset
        for gpu in gpus {
            guard i + 1 < values.count else { return }
            values[i] = gpu.valid ? gpu.workloadSMSeconds : .nan
            values[i + 1] = gpu.valid ? gpu.allSMSeconds : .nan
            i += 2
            if gpu.offer.memory, i < values.count {
                values[i] = gpu.valid ? gpu.memoryBytes : .nan
                i += 1
            }
        }
    }
}
