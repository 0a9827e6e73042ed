import EcobenchModel

/// Where a workload runs: processes on this machine (`WorkloadRunner`) or a Kubernetes cluster
/// (`KubernetesRunner`). `RunDriver` does what every run does (the run's clock and record, the
/// repetitions, the phases, waiting, finishing); a target does only what differs.
public protocol RunTarget: AnyObject {
    /// The run's time (ns since its clock origin) at a phase boundary: a local run takes a sample
    /// of every channel there, so no counter is interpolated at the boundary.
    func boundaryNanoseconds() -> Int64
    /// Checked about ten times a second while a phase waits (a signal is checked before it):
    /// throws when the run cannot go on (a service that ended, a store that failed).
    func checkHealth() throws(RunError)
    /// A phase has ended and is stored (a cluster run asks its node energy sources for the window).
    func phaseEnded(_ name: PhaseName, repetition: Int, startNanoseconds: Int64, endNanoseconds: Int64)
}

extension RunTarget {
    public func checkHealth() throws(RunError) {}
    public func phaseEnded(_ name: PhaseName, repetition: Int, startNanoseconds: Int64, endNanoseconds: Int64) {}
}
