import Foundation
import EcobenchAttribute

/// A grid-intensity time series must cover the run it is applied to. A series from another
/// period is an error naming the file and the run's period — or, only when the user asked for it
/// (`--grid-intensity-fallback`), dropped for the constant intensity with a flag saying so. It is
/// never extended silently.
package enum GridSeriesCoverage {
    /// The series to apply (nil after a fallback), after checking it covers
    /// `[startUnixSeconds, endUnixSeconds]`.
    package static func check(_ impact: ImpactSettings, carbon: GridIntensity, startUnixSeconds: Double, endUnixSeconds: Double,
                              notes: inout [String]) throws -> GridIntensitySeries? {
        guard let series = impact.gridSeries else { return nil }
        do {
            try series.checkCoverage(startUnixSeconds: startUnixSeconds, endUnixSeconds: endUnixSeconds)
            return series
        } catch let error as GridIntensityError {
            let period = "the run's period \(series.iso(startUnixSeconds)) to \(series.iso(endUnixSeconds))"
            guard impact.gridSeriesFallback == true else {
                throw GridIntensityError(file: series.source, line: nil, field: error.field,
                                         message: "does not cover \(period): \(error.message); give a series for the "
                                            + "run's dates, or --grid-intensity-fallback to use the constant intensity")
            }
            notes.append(String(format: "flag: grid intensity series %@ does not cover %@ (%@): the constant intensity "
                                + "%.1f g/kWh (%@) is used instead (--grid-intensity-fallback)",
                                series.source, period, error.message, carbon.intensityGPerKwh, carbon.provenance))
            return nil
        }
    }
}
