import EcobenchStore
import EcobenchAttribute

/// CO2e of a phase with the grid intensity applied sample by sample: Σ ΔE_i × I(t_i), with
/// t_i the middle of each sampling interval on the wall clock.
package enum TimeResolvedCarbon {
    package static func grams(store: RunStore, sourceIDs: [String: Int64], channels: [String], window: PhaseWindow,
                              clockStartUnixNs: Int64, series: GridIntensitySeries) throws -> Double {
        var grams = 0.0
        for channel in channels {
            guard let id = sourceIDs[channel] else { continue }
            var previous: (t: Int64, value: Double)?
            try store.forEachSample(sourceID: id, from: window.startNanoseconds, to: window.endNanoseconds) { t, value in
                guard value.isFinite else { return }
                if let p = previous, value >= p.value {
                    let middle = Double(clockStartUnixNs + (p.t + t) / 2) / 1e9
                    let intensity = series.intensity(atUnixSeconds: middle) ?? series.points.first?.gPerKwh ?? 0
                    grams += (value - p.value) / 3.6e6 * intensity
                }
                previous = (t, value)
            }
        }
        return grams
    }
}
