import EcobenchCore
import Foundation

/// Text output of `ecobench compare`.
enum ComparisonPrinter {
    static func print(_ c: RunComparison) {
        Swift.print("per \(c.functionalUnit):")
        for run in c.runs {
            let e = run.energyPerUnitJ.map { String(format: "%.6g J (ΣE/ΣN, n=%d)", $0.mean, $0.n) } ?? "n/a"
            Swift.print("  run \(run.id) (\(run.workload) on \(run.host), \(run.nodeEnergyKind.rawValue)): \(e)")
        }
        for d in c.differences {
            var line = String(format: "run %lld − run %lld, %@: %+.6g", d.run, d.baselineRun, d.metric, d.difference)
            if let r = d.relativeDifference { line += String(format: " (%+.1f %%)", r * 100) }
            if let w = d.welch {
                line += String(format: ", 95 %% CI [%.6g, %.6g], Welch t = %.3f, df = %.1f, p = %.4g", w.ci95Low, w.ci95High,
                               w.t, w.degreesOfFreedom, w.pValue)
            }
            line += d.significant ? " — significant" : " — not significant"
            Swift.print(line)
        }
        for warning in c.warnings { Swift.print("warning: \(warning)") }
    }

    static func print(_ d: RackDensity) {
        Swift.print("per \(d.functionalUnit), yearly figures for \(String(format: "%.4g", d.yearlyUnits)) units "
                    + "(group 1's throughput at \(Int(d.utilisation * 100)) % utilisation):")
        for g in d.groups {
            var line = String(format: "%@ (%@, runs %@): %.4g J/unit, %.4g units/s at %.1f W, %.4g units/s per kW, "
                              + "%.1f kWh/year (%.1f working + %.1f idle)",
                              g.name, g.host, g.runs.map(String.init).joined(separator: ","), g.nodeEnergyPerUnitJ?.mean ?? 0,
                              g.throughputUnitsPerS, g.meanLoadPowerW, g.throughputPerKw, g.yearlyKwh, g.yearlyLoadKwh,
                              g.yearlyIdleKwh)
            if let low = g.nodeEnergyPerUnitJ?.ci95Low, let high = g.nodeEnergyPerUnitJ?.ci95High {
                line += String(format: ", per unit 95 %% CI %.4g to %.4g", low, high)
            }
            if let perRU = g.throughputPerRackUnit { line += String(format: ", %.4g units/s per rack unit", perRU) }
            if let rack = g.rackThroughputUnitsPerS { line += String(format: ", %.4g units/s per rack budget", rack) }
            if let sweep = g.sweep {
                line += String(format: "; sweep %lld at %.4g units/s (%.0f %% of its maximum): ", sweep.sweepId,
                               sweep.offeredRatePerS, sweep.utilisation * 100)
                if let power = sweep.nodePowerW, let perJ = sweep.unitsPerJoule, let kwh = sweep.yearlyKwh {
                    line += String(format: "%.1f ± %.1f W, %.4g ± %.2g units/J, %.1f ± %.1f kWh/year (k = 2)", power.value,
                                   power.expandedUncertainty, perJ.value, perJ.expandedUncertainty, kwh.value, kwh.expandedUncertainty)
                } else {
                    line += "outside its measured curve, duty-cycle figures used"
                }
            }
            Swift.print(line)
        }
        Swift.print("duty cycle: " + d.dutyCycle)
        for (s, w) in zip(d.savings, d.welch) {
            var line = String(format: "%@ saves %.1f kWh, %.2f kg CO2e per year (%.1f %%)", s.group, s.kwh, s.co2eKg, s.relative * 100)
            if let cost = s.cost { line += String(format: ", cost %.2f", cost) }
            if let w { line += String(format: "; per unit p = %.4g (%@)", w.pValue, w.isSignificant ? "significant" : "not significant") }
            Swift.print(line)
        }
    }
}
