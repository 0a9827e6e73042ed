import EcobenchCluster

/// A local run's `--prometheus-url`: where the other nodes' energy (and busy CPU) is read from
/// after the run, per completed phase window (`WorkloadRunner+Prometheus.swift`).
public struct LocalRunPrometheus: Sendable {
    /// Node energy per window (`PrometheusNodeEnergySource`: agents, Kepler, node-exporter).
    public var energy: PrometheusNodeEnergySource
    /// Node busy CPU seconds per window (`ecobench_node_cpu_seconds_total` or node-exporter); nil: not read.
    public var cpu: PrometheusPodCPUSource?
    /// At most this long after the last phase, waiting for every target to be scraped past its
    /// end (`--prometheus-settle`, default `defaultSettleSeconds`).
    public var settleSeconds: Double

    /// Two scrapes at 15 s, a common scrape interval (Prometheus' own default is 1 min: raise it there).
    public static let defaultSettleSeconds = 30.0

    public init(energy: PrometheusNodeEnergySource, cpu: PrometheusPodCPUSource?,
                settleSeconds: Double = defaultSettleSeconds) {
        self.energy = energy
        self.cpu = cpu
        self.settleSeconds = settleSeconds
    }

    public var clock: PrometheusClock { PrometheusClock(client: energy.client) }
}
