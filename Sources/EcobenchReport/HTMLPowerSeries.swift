import EcobenchCollect
import EcobenchStore

/// Power over time of one energy channel, read from the store and downsampled for a chart.
public struct HTMLPowerSeries: Sendable {
    public var name: String
    public var kind: SourceKind
    public var role: EnergyRole?
    public var usedForNodeEnergy: Bool
    public var points: [HTMLDownsampler.Point]

    /// Highest and mean power over the points that have a value (W).
    public var maxWatts: Double? { points.compactMap(\.watts).max() }
    public var meanWatts: Double? {
        let covered = points.reduce(0.0) { $0 + ($1.watts == nil ? 0 : $1.coveredS) }
        guard covered > 0 else { return nil }
        return points.reduce(0.0) { $0 + ($1.watts ?? 0) * $1.coveredS } / covered
    }

    /// Every energy counter of the run (unit J, with an energy role), streamed from the store one
    /// sample at a time: the counter's deltas between samples, averaged into at most `maxPoints`
    /// buckets over `[0, durationS]`. A gap (NaN sample) breaks the series; nothing is drawn across it.
    public static func load(store: RunStore, report: Report, maxPoints: Int = 600) throws -> [HTMLPowerSeries] {
        let duration = chartDuration(report)
        let energySources = report.sources.filter { $0.unit == "J" && $0.semantics == .counter && $0.energyRole != nil }
        let stored = Dictionary(try store.sources(runID: report.run.id).map { ($0.descriptor.name, $0.id) },
                                uniquingKeysWith: { first, _ in first })
        var out: [HTMLPowerSeries] = []
        for source in energySources {
            guard let id = stored[source.name] else { continue }
            var sampler = HTMLDownsampler(startS: 0, endS: duration, maxPoints: maxPoints,
                                          samplingIntervalS: report.run.intervalS)
            var previous: (t: Double, value: Double)?
            try store.forEachSample(sourceID: id) { t, value in
                guard value.isFinite else {
                    previous = nil
                    return
                }
                let current = (t: Double(t) / 1e9, value: value)
                if let previous { sampler.addCounter(from: previous, to: current) }
                previous = current
            }
            out.append(HTMLPowerSeries(name: source.name, kind: source.kind, role: source.energyRole,
                                       usedForNodeEnergy: source.usedForNodeEnergy, points: sampler.points))
        }
        return out
    }

    /// The chart's time axis: to the end of the last phase, or the run's duration if longer.
    package static func chartDuration(_ report: Report) -> Double {
        let lastPhaseEnd = report.phases.map { $0.startS + $0.durationS }.max() ?? 0
        let duration = max(lastPhaseEnd, report.totals.durationS)
        return duration > 0 ? duration : 1
    }
}
