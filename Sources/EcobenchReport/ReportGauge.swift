import EcobenchCollect
import EcobenchStore

/// A level over the run (temperature, fan speed, memory, resident set): minimum, mean and
/// maximum of its samples, so a report shows the machine's thermal and memory state.
public struct ReportGauge: Codable, Sendable {
    public var name: String
    public var unit: String
    public var kind: SourceKind
    public var samples: Int
    public var min: Double
    public var mean: Double
    public var max: Double

    /// Streams the samples of every gauge channel of the run.
    package static func summarise(store: RunStore, runID: Int64) throws -> [ReportGauge] {
        var out: [ReportGauge] = []
        for source in try store.sources(runID: runID) where source.descriptor.semantics == .gauge {
            var count = 0
            var sum = 0.0
            var low = Double.infinity
            var high = -Double.infinity
            try store.forEachSample(sourceID: source.id) { _, value in
                guard value.isFinite else { return }
                count += 1
                sum += value
                low = Swift.min(low, value)
                high = Swift.max(high, value)
            }
            guard count > 0 else { continue }
            out.append(ReportGauge(name: source.descriptor.name, unit: source.descriptor.unit,
                                   kind: source.descriptor.kind, samples: count, min: low, mean: sum / Double(count),
                                   max: high))
        }
        return out
    }
}
