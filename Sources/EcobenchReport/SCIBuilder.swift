import EcobenchCollect
import EcobenchAttribute

/// Builds the SCI section from the application's load phases.
package enum SCIBuilder {
    package static func build(application: ReportApplication, attributed: [PhaseAttribution], grams: CarbonAllocation,
                              impact: ImpactSettings, carbon: GridIntensity, host: ReportHost)
        -> (section: ReportSCI, notes: [String]) {
        var notes: [String] = []
        var embodiedKg = impact.embodiedKgCO2e
        var embodiedProvenance = impact.embodiedProvenance
        if embodiedKg == nil {
            let estimate = EmbodiedDefaults.estimate(host: host)
            embodiedKg = estimate.kg
            embodiedProvenance = estimate.provenance
            if host.virtualMachine == true && impact.reservedShare == 1 {
                notes.append("SCI: this looks like a virtual machine; TE is a whole server's: set --reserved-share to the VM's share of its host")
            }
        }
        let loads = attributed.indices.filter { attributed[$0].window.name == .load }
        let repetitions = loads.map { index -> ReportSCI.Repetition in
            let load = attributed[index]
            let joules = SCI.reservedEnergyJoules(workloadDynamicJoules: load.workloadDynamicEnergyJoules,
                                                  idleJoules: load.idleEnergyJoules, reservedShare: impact.reservedShare)
            let energyKwh = joules * impact.pue / 3.6e6
            let operational = grams.grams(phase: index, joules: joules)  // already × PUE, time-resolved when a series is set
            let embodied = SCI.embodiedGrams(totalEmbodiedKg: embodiedKg ?? 0, timeReservedSeconds: load.window.durationSeconds,
                                             lifetimeYears: impact.lifetimeYears, reservedShare: impact.reservedShare)
            let units = load.window.functionalUnits ?? 0
            return .init(repetition: load.window.repetition, energyKwh: energyKwh, operationalG: operational,
                         embodiedG: embodied, timeReservedS: load.window.durationSeconds, functionalUnits: units,
                         sciGPerUnit: SCI.score(operationalGrams: operational, embodiedGrams: embodied, functionalUnits: units))
        }
        let series = impact.gridSeries
        let section = ReportSCI(
            functionalUnit: application.functionalUnit,
            boundary: String(format: "the reserved hardware: %g of one host (RR/ToR, the same share for O and M) during "
                             + "each load phase — O counts the workload's dynamic energy and that share of the host's idle "
                             + "(baseline) energy, whatever the report's idle policy; M that share of the host's embodied "
                             + "emissions; the load generator of a service workload is outside; data centre included "
                             + "through PUE %g", impact.reservedShare, impact.pue),
            method: "SCI = (O + M) / R per repetition's load phase; O = E × I with E = (workload dynamic energy + "
                + "RR/ToR × idle energy) × PUE; "
                + "M = TE × (TiR / EL) × (RR / ToR); location-based intensity, no market-based instruments",
            inputs: .init(pue: impact.pue, pueProvenance: impact.pueProvenance,
                          intensityGPerKwh: series == nil ? carbon.intensityGPerKwh : nil,
                          intensityKind: series == nil ? "location-based average (\(carbon.provenance))"
                                                       : "location-based time series, applied sample by sample",
                          intensitySource: series?.source ?? carbon.source,
                          embodiedKgCo2e: embodiedKg, embodiedProvenance: embodiedProvenance,
                          lifetimeYears: impact.lifetimeYears, lifetimeProvenance: impact.lifetimeProvenance,
                          reservedShare: impact.reservedShare, reservedShareProvenance: impact.reservedShareProvenance),
            repetitions: repetitions,
            scoreGPerUnit: PerUnitEstimate(amounts: repetitions.map { $0.operationalG + $0.embodiedG },
                                           units: repetitions.map(\.functionalUnits))?.statistics)
        return (section, notes)
    }
}
