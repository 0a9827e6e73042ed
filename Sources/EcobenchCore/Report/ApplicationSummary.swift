/// Aggregates the workload's attributed figures over phases and repetitions.
enum ApplicationSummary {
    static func build(name: String, functionalUnit: String, phases: [PhaseAttribution],
                      carbon: GridIntensity) -> ReportApplication {
        let energy = phases.reduce(0) { $0 + $1.workloadEnergyJoules }
        let loads = phases.filter { $0.window.name == .load }
        let repetitions = loads.map { load -> ReportApplication.Repetition in
            let units = load.window.functionalUnits
            let perUnit = units.flatMap { $0 > 0 ? load.workloadEnergyJoules / $0 : nil }
            let co2e = carbon.co2eGrams(joules: load.workloadEnergyJoules)
            return .init(repetition: load.window.repetition, energyJ: load.workloadEnergyJoules,
                         dynamicEnergyJ: load.workloadDynamicEnergyJoules, cpuSeconds: load.workloadCPUSeconds,
                         functionalUnits: units, energyPerUnitJ: perUnit, co2eG: co2e,
                         co2ePerUnitG: units.flatMap { $0 > 0 ? co2e / $0 : nil })
        }
        let loadEnergy = loads.reduce(0) { $0 + $1.workloadEnergyJoules }
        let units = loads.reduce(0) { $0 + ($1.window.functionalUnits ?? 0) }
        let perUnit = units > 0 ? loadEnergy / units : nil
        return ReportApplication(
            name: name, functionalUnit: functionalUnit, energyJ: energy,
            dynamicEnergyJ: phases.reduce(0) { $0 + $1.workloadDynamicEnergyJoules },
            idleEnergyJ: phases.reduce(0) { $0 + $1.workloadIdleEnergyJoules },
            cpuSeconds: phases.reduce(0) { $0 + $1.workloadCPUSeconds },
            ioReadBytes: phases.reduce(0) { $0 + $1.workloadIOReadBytes },
            ioWriteBytes: phases.reduce(0) { $0 + $1.workloadIOWriteBytes },
            functionalUnits: units, energyPerUnitJ: perUnit, co2eG: carbon.co2eGrams(joules: energy),
            co2ePerUnitG: perUnit.map { carbon.co2eGrams(joules: $0) },
            repetitions: repetitions,
            statistics: .init(energyJ: SummaryStatistics(repetitions.map(\.energyJ)),
                              energyPerUnitJ: SummaryStatistics(repetitions.compactMap(\.energyPerUnitJ)),
                              co2ePerUnitG: SummaryStatistics(repetitions.compactMap(\.co2ePerUnitG))))
    }
}
