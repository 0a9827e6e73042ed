/// CPU time one Kubernetes pod's cgroup has used since the pod started, as the agent read it.
public struct PodCgroupCPU: Sendable, Equatable {
    /// The pod's UID (dashes), from the cgroup directory's name.
    public var podUID: String
    /// `guaranteed`, `burstable` or `besteffort`: the kubelet's QoS class directory.
    public var qos: String
    public var cpuSeconds: Double
    /// The file read: `…/cpu.stat` (cgroup v2, `usage_usec`) or `…/cpuacct.usage` (v1, ns).
    public var path: String

    public init(podUID: String, qos: String, cpuSeconds: Double, path: String) {
        self.podUID = podUID
        self.qos = qos
        self.cpuSeconds = cpuSeconds
        self.path = path
    }
}
