import EcobenchAttribute

/// Aggregates the workload's attributed figures over phases and repetitions.
package enum ApplicationSummary {
    package static func build(name: String, functionalUnit: String, phases: [PhaseAttribution],
                              grams: CarbonAllocation) -> ReportApplication {
        let energy = phases.reduce(0) { $0 + $1.workloadEnergyJoules }
        let loadIndexes = phases.indices.filter { phases[$0].window.name == .load }
        let repetitions = loadIndexes.map { index -> ReportApplication.Repetition in
            let load = phases[index]
            let units = load.window.functionalUnits
            let perUnit = PerUnitEstimate.ratio(amount: load.workloadEnergyJoules, units: units)
            let co2e = grams.workloadGrams(phase: index)
            return .init(repetition: load.window.repetition, energyJ: load.workloadEnergyJoules,
                         dynamicEnergyJ: load.workloadDynamicEnergyJoules, cpuSeconds: load.workloadCPUSeconds,
                         functionalUnits: units, energyPerUnitJ: perUnit, co2eG: co2e,
                         co2ePerUnitG: PerUnitEstimate.ratio(amount: co2e, units: units))
        }
        // Per unit: the ratio of sums over the repetitions with units (`PerUnitEstimate`), its CI by the delta method.
        let units = repetitions.reduce(0) { $0 + ($1.functionalUnits ?? 0) }
        let energyPerUnit = PerUnitEstimate(amounts: repetitions.map(\.energyJ), units: repetitions.map(\.functionalUnits))
        let co2ePerUnit = PerUnitEstimate(amounts: repetitions.map(\.co2eG), units: repetitions.map(\.functionalUnits))
        return ReportApplication(
            name: name, functionalUnit: functionalUnit, energyJ: energy,
            dynamicEnergyJ: phases.reduce(0) { $0 + $1.workloadDynamicEnergyJoules },
            idleEnergyJ: phases.reduce(0) { $0 + $1.workloadIdleEnergyJoules },
            cpuSeconds: phases.reduce(0) { $0 + $1.workloadCPUSeconds },
            ioReadBytes: phases.reduce(0) { $0 + $1.workloadIOReadBytes },
            ioWriteBytes: phases.reduce(0) { $0 + $1.workloadIOWriteBytes },
            functionalUnits: units, energyPerUnitJ: energyPerUnit?.ratio,
            co2eG: phases.indices.reduce(0) { $0 + grams.workloadGrams(phase: $1) },
            co2ePerUnitG: co2ePerUnit?.ratio,
            repetitions: repetitions,
            statistics: .init(energyJ: SummaryStatistics(repetitions.map(\.energyJ)),
                              energyPerUnitJ: energyPerUnit?.statistics, co2ePerUnitG: co2ePerUnit?.statistics))
    }
}
