/// Channel names the attribution reads (written by the Collect probes).
public enum Channels {
    public static let nodeBusyCPUSeconds = "node.cpu.busy_seconds"
    public static let nodeTotalCPUSeconds = "node.cpu.total_seconds"
    public static let workloadCPUSeconds = "workload.cpu_seconds"
    public static let workloadIOReadBytes = "workload.io_read_bytes"
    public static let workloadIOWriteBytes = "workload.io_write_bytes"
}
