import EcobenchAttribute

/// CO2e of a part of a phase's energy: the phase's node CO2e (time-resolved or constant
/// intensity, × PUE) in proportion to the energy, so workload + unattributed CO2e = node CO2e.
package struct CarbonAllocation {
    package let attributed: [PhaseAttribution]
    package let nodeGrams: [Double]

    package func grams(phase index: Int, joules: Double) -> Double {
        let node = attributed[index].nodeEnergyJoules
        return node > 0 ? nodeGrams[index] * joules / node : 0
    }

    package func workloadGrams(phase index: Int) -> Double {
        grams(phase: index, joules: attributed[index].workloadEnergyJoules)
    }
}
