/// Channel names the attribution reads (written by the Collect probes).
public enum Channels {
    public static let nodeBusyCPUSeconds = "node.cpu.busy_seconds"
    public static let nodeTotalCPUSeconds = "node.cpu.total_seconds"
    public static let workloadCPUSeconds = "workload.cpu_seconds"
    public static let workloadIOReadBytes = "workload.io_read_bytes"
    public static let workloadIOWriteBytes = "workload.io_write_bytes"
}

/// Per-GPU channel names (NVML): `<i>` is the GPU's index.
public enum GPUChannels {
    public static func energy(_ gpu: Int) -> String { "nvml.gpu\(gpu).energy" }
    public static func workloadSMSeconds(_ gpu: Int) -> String { "workload.gpu\(gpu).sm_seconds" }
    public static func allSMSeconds(_ gpu: Int) -> String { "nvml.gpu\(gpu).sm_seconds" }
    public static func workloadMemoryBytes(_ gpu: Int) -> String { "workload.gpu\(gpu).memory_bytes" }

    /// The GPU index of a `workload.gpu<i>.sm_seconds` channel.
    public static func gpuIndex(ofWorkloadSMSeconds name: String) -> Int? {
        guard name.hasPrefix("workload.gpu"), name.hasSuffix(".sm_seconds") else { return nil }
        return Int(name.dropFirst("workload.gpu".count).dropLast(".sm_seconds".count))
    }
}
