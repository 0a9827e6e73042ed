/// Per-process use of GPUs, for `WorkloadProbe`: which processes kept each GPU's SMs busy since
/// the previous read, and how much GPU memory each holds. Read on the sampler's thread only.
public protocol GPUProcessReader: AnyObject, Sendable {
    /// The GPUs whose per-process utilisation is offered.
    var offers: [GPUProcessOffer] { get }
    /// SM utilisation of every process on `gpu` (an index from `offers`) since the previous call
    /// for it, and GPU memory per process where offered.
    func usage(gpu: Int) throws -> GPUProcessUsage
}

/// One GPU with per-process utilisation.
public struct GPUProcessOffer: Sendable, Equatable {
    /// The GPU's index, as in `nvml.gpu<index>.energy`.
    public var gpu: Int
    /// Where the figures come from, e.g. `libnvidia-ml.so.1 GPU 0 GPU-… (NVIDIA A100)`.
    public var path: String
    /// True when the memory of each process is offered too.
    public var memory: Bool

    public init(gpu: Int, path: String, memory: Bool) {
        self.gpu = gpu
        self.path = path
        self.memory = memory
    }
}

/// One read of one GPU.
public struct GPUProcessUsage: Sendable, Equatable {
    /// Mean SM utilisation (%) of each process over the driver's samples since the previous
    /// read; a process without a sample used no SM time in that stretch.
    public var smPercent: [Int32: Double]
    /// GPU memory each compute process holds (B); nil when not offered; `.nan` for a process
    /// whose memory the driver does not tell (`NVML_VALUE_NOT_AVAILABLE`).
    public var memoryBytes: [Int32: Double]?

    public init(smPercent: [Int32: Double], memoryBytes: [Int32: Double]?) {
        self.smPercent = smPercent
        self.memoryBytes = memoryBytes
    }
}
