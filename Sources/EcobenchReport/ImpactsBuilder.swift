import EcobenchCollect
import EcobenchAttribute

/// Builds the impacts section (`--impacts all`): use-phase PE, ADPe and water from the energy of
/// the load phases, embodied PE and ADPe from the host's component defaults charged with the same
/// (TiR / EL) × (RR / ToR) share as SCI's M.
package enum ImpactsBuilder {
    package static let waterNotAssessed = "not assessed: Boavizta's component factors (and the Green Cloud Computing "
        + "inventory behind them) publish GWP, PE and ADP only, no water use per component"

    package static func build(application: ReportApplication, sci: ReportSCI, carbon: GridIntensity,
                              impact: ImpactSettings, host: ReportHost) -> ReportImpacts {
        let zone = carbon.zone ?? GridIntensity.defaultZone
        var notes: [String] = []
        let factors = ImpactFactors.electricity[zone] ?? ImpactFactors.electricity["WORLD"]
        if ImpactFactors.electricity[zone] == nil { notes.append("no PE/ADPe factors for zone \(zone): WORLD used") }

        let estimate = EmbodiedComponentDefaults.estimate(host: host)
        let share = sci.repetitions.reduce(0) {
            $0 + SCI.embodiedShare(timeReservedSeconds: $1.timeReservedS, lifetimeYears: impact.lifetimeYears,
                                   reservedShare: impact.reservedShare)
        }
        notes.append(contentsOf: estimate.notes)
        notes.append("embodied water is \(waterNotAssessed); water_m3 is the use phase only")
        notes.append(String(format: "embodied GWP (TE) is sci.inputs.embodied_kg_co2e; Boavizta's factors give %.1f kg CO2e "
                            + "(BoaviztAPI 2.5.0 min–max of its defaults %.1f–%.1f kg) for the same components "
                            + "(embodied PE and ADPe use Boavizta's)", estimate.total.gwpKgCO2e,
                            estimate.totalRange.min.gwpKgCO2e, estimate.totalRange.max.gwpKgCO2e))
        if host.virtualMachine == true && impact.reservedShare == 1 {
            notes.append("embodied PE and ADPe are sized from this virtual machine's inventory: set --reserved-share to its share of the host")
        }

        let kwh = sci.repetitions.reduce(0) { $0 + $1.energyKwh }
        // WUE (The Green Grid) is litres per kWh of IT energy: E before PUE, never × PUE.
        let itKwh = kwh / max(1, sci.inputs.pue)
        let operational = sci.repetitions.reduce(0) { $0 + $1.operationalG }
        let embodiedG = sci.repetitions.reduce(0) { $0 + $1.embodiedG }
        let embodiedMJ = estimate.total.primaryEnergyMJ * share
        let embodiedSb = estimate.total.adpeKgSbEq * share
        let units = sci.repetitions.reduce(0) { $0 + $1.functionalUnits }
        func figures(divisor: Double) -> ReportImpacts.Figures {
            let usePE = kwh * (factors?.primaryEnergyMJPerKwh ?? 0)
            let useSb = kwh * (factors?.adpeKgSbEqPerKwh ?? 0)
            return .init(gwpG: (operational + embodiedG) / divisor, gwpEmbodiedG: embodiedG / divisor,
                         primaryEnergyMj: (usePE + embodiedMJ) / divisor, primaryEnergyEmbodiedMj: embodiedMJ / divisor,
                         adpeKgSbEq: (useSb + embodiedSb) / divisor, adpeEmbodiedKgSbEq: embodiedSb / divisor,
                         waterM3: itKwh * ImpactFactors.waterLitresPerKwh / 1000 / divisor)
        }
        let embodied = ReportImpacts.Embodied(
            primaryEnergyMj: estimate.total.primaryEnergyMJ, primaryEnergyProvenance: estimate.primaryEnergyProvenance,
            adpeKgSbEq: estimate.total.adpeKgSbEq, adpeProvenance: estimate.adpeProvenance,
            waterProvenance: waterNotAssessed, share: share, components: estimate.components,
            primaryEnergyMjMin: estimate.totalRange.min.primaryEnergyMJ,
            primaryEnergyMjMax: estimate.totalRange.max.primaryEnergyMJ,
            adpeKgSbEqMin: estimate.totalRange.min.adpeKgSbEq, adpeKgSbEqMax: estimate.totalRange.max.adpeKgSbEq,
            gwpKgCo2e: estimate.total.gwpKgCO2e, gwpKgCo2eMin: estimate.totalRange.min.gwpKgCO2e,
            gwpKgCo2eMax: estimate.totalRange.max.gwpKgCO2e)
        return ReportImpacts(zone: zone, electricitySource: ImpactFactors.electricitySource,
                             waterSource: ImpactFactors.waterSource, embodied: embodied,
                             perUnit: units > 0 ? figures(divisor: units) : nil, total: figures(divisor: 1), notes: notes)
    }
}
