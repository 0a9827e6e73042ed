/// Aggregates the workload's attributed figures over phases and repetitions.
enum ApplicationSummary {
    static func build(name: String, functionalUnit: String, phases: [PhaseAttribution],
                      grams: CarbonAllocation) -> ReportApplication {
        let energy = phases.reduce(0) { $0 + $1.workloadEnergyJoules }
        let loadIndexes = phases.indices.filter { phases[$0].window.name == .load }
        let repetitions = loadIndexes.map { index -> ReportApplication.Repetition in
            let load = phases[index]
            let units = load.window.functionalUnits
            let perUnit = units.flatMap { $0 > 0 ? load.workloadEnergyJoules / $0 : nil }
            let co2e = grams.workloadGrams(phase: index)
            return .init(repetition: load.window.repetition, energyJ: load.workloadEnergyJoules,
                         dynamicEnergyJ: load.workloadDynamicEnergyJoules, cpuSeconds: load.workloadCPUSeconds,
                         functionalUnits: units, energyPerUnitJ: perUnit, co2eG: co2e,
                         co2ePerUnitG: units.flatMap { $0 > 0 ? co2e / $0 : nil })
        }
        let loadEnergy = repetitions.reduce(0) { $0 + $1.energyJ }
        let loadGrams = repetitions.reduce(0) { $0 + $1.co2eG }
        let units = repetitions.reduce(0) { $0 + ($1.functionalUnits ?? 0) }
        let perUnit = units > 0 ? loadEnergy / units : nil
        return ReportApplication(
            name: name, functionalUnit: functionalUnit, energyJ: energy,
            dynamicEnergyJ: phases.reduce(0) { $0 + $1.workloadDynamicEnergyJoules },
            idleEnergyJ: phases.reduce(0) { $0 + $1.workloadIdleEnergyJoules },
            cpuSeconds: phases.reduce(0) { $0 + $1.workloadCPUSeconds },
            ioReadBytes: phases.reduce(0) { $0 + $1.workloadIOReadBytes },
            ioWriteBytes: phases.reduce(0) { $0 + $1.workloadIOWriteBytes },
            functionalUnits: units, energyPerUnitJ: perUnit,
            co2eG: phases.indices.reduce(0) { $0 + grams.workloadGrams(phase: $1) },
            co2ePerUnitG: units > 0 ? loadGrams / units : nil,
            repetitions: repetitions,
            statistics: .init(energyJ: SummaryStatistics(repetitions.map(\.energyJ)),
                              energyPerUnitJ: SummaryStatistics(repetitions.compactMap(\.energyPerUnitJ)),
                              co2ePerUnitG: SummaryStatistics(repetitions.compactMap(\.co2ePerUnitG))))
    }
}
