import EcobenchCollect
import EcobenchAttribute

/// One row per separately measured consumer: each service of a multi-service workload (its
/// part of the application row) and the load generator (attributed apart from the application
/// and from `unattributed`). Same split as the application's (`Attributor`, `CPUShareSplit`).
public struct ReportConsumer: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable {
        case service
        case loadGenerator = "load_generator"
    }

    public var name: String
    public var role: Role
    /// Over every phase of every repetition (J).
    public var energyJ: Double
    public var dynamicEnergyJ: Double
    public var idleEnergyJ: Double
    public var cpuSeconds: Double
    public var ioReadBytes: Double
    public var ioWriteBytes: Double
    /// Mean and highest resident memory of its processes over the run (B, `<prefix>.rss_bytes`);
    /// nil when the gauge was not recorded.
    public var meanRssBytes: Double?
    public var maxRssBytes: Double?
    /// Its energy in the load phases over the units produced there (`PerUnitEstimate`, ratio of sums).
    public var energyPerUnitJ: Double?

    /// Services in the order of `services:`, then the load generator; nil when none was measured apart.
    package static func build(phases: [PhaseAttribution], gauges: [ReportGauge]) -> [ReportConsumer]? {
        let names = phases.first?.services.map(\.name) ?? []
        var rows = names.map { name in
            row(name: name, role: .service, prefix: ConsumerChannels.servicePrefix(name),
                shares: phases.map { phase in (phase, phase.services.first { $0.name == name }) }, gauges: gauges)
        }
        if phases.contains(where: { $0.loadGenerator != nil }) {
            rows.append(row(name: ConsumerChannels.loadGeneratorPrefix, role: .loadGenerator,
                            prefix: ConsumerChannels.loadGeneratorPrefix,
                            shares: phases.map { ($0, $0.loadGenerator) }, gauges: gauges))
        }
        return rows.isEmpty ? nil : rows
    }

    private static func row(name: String, role: Role, prefix: String,
                            shares: [(PhaseAttribution, ConsumerPhaseShare?)], gauges: [ReportGauge]) -> ReportConsumer {
        func sum(_ key: (ConsumerPhaseShare) -> Double) -> Double { shares.reduce(0) { $0 + ($1.1.map(key) ?? 0) } }
        let loads = shares.filter { $0.0.window.name == .load }
        let perUnit = PerUnitEstimate(amounts: loads.map { $0.1?.energyJoules ?? 0 },
                                      units: loads.map { $0.0.window.functionalUnits })
        let rss = gauges.first { $0.name == ConsumerChannels.channel(prefix, "rss_bytes") }
        return ReportConsumer(
            name: name, role: role, energyJ: sum(\.energyJoules), dynamicEnergyJ: sum(\.dynamicEnergyJoules),
            idleEnergyJ: sum(\.idleEnergyJoules), cpuSeconds: sum(\.cpuSeconds), ioReadBytes: sum(\.ioReadBytes),
            ioWriteBytes: sum(\.ioWriteBytes), meanRssBytes: rss?.mean, maxRssBytes: rss?.max,
            energyPerUnitJ: perUnit?.ratio)
    }
}
