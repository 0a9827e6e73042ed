import EcobenchCollect

/// One energy series of one node as `PrometheusNodeEnergySource` sees it: a name (the agent's
/// channel name, or the series selector), where it comes from, what it covers, and whether its
/// values are joules (a counter) or watts (a gauge to integrate).
package struct PrometheusEnergyChannel: Sendable {
    package var name: String
    package var kind: SourceKind
    package var role: EnergyRole
    package var series: PrometheusSeries
    package var isPowerGauge: Bool

    /// As a local channel, so `NodeEnergySelection` ranks it the way `run` ranks local sources.
    package var descriptor: SourceDescriptor {
        SourceDescriptor(name: name, kind: kind, unit: "J", semantics: .counter, scope: .node,
                         path: series.selector, energyRole: role)
    }

    package func amount(fromSeconds start: Double, toSeconds end: Double) -> SeriesWindowAmount {
        isPowerGauge ? SeriesWindowAmount.gaugeIntegral(series.points, fromSeconds: start, toSeconds: end)
                     : SeriesWindowAmount.counterIncrease(series.points, fromSeconds: start, toSeconds: end)
    }
}
