/// One energy series of one node as `PrometheusNodeEnergySource` sees it: a name (the agent's
/// channel name, or the series selector), where it comes from, what it covers, and whether its
/// values are joules (a counter) or watts (a gauge to integrate).
struct PrometheusEnergyChannel: Sendable {
    var name: String
    var kind: SourceKind
    var role: EnergyRole
    var series: PrometheusSeries
    var isPowerGauge: Bool

    /// As a local channel, so `NodeEnergySelection` ranks it the way `run` ranks local sources.
    var descriptor: SourceDescriptor {
        SourceDescriptor(name: name, kind: kind, unit: "J", semantics: .counter, scope: .node,
                         path: series.selector, energyRole: role)
    }

    func amount(fromSeconds start: Double, toSeconds end: Double) -> SeriesWindowAmount {
        isPowerGauge ? SeriesWindowAmount.gaugeIntegral(series.points, fromSeconds: start, toSeconds: end)
                     : SeriesWindowAmount.counterIncrease(series.points, fromSeconds: start, toSeconds: end)
    }
}
