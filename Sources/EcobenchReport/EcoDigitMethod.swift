/// ECO:DIGIT's calculation (eco-digit/testbench `arthur/app/calculation/calculation.py`,
/// `calculate_single_eco_digit_score`, server path), one function per step; formulas and
/// sources in docs/eco-digit.md.
public enum EcoDigitMethod {
    static let secondsPerYear = 8760.0 * 3600
    static let joulesPerKWh = 3.6e6

    /// Net load = max(0, gross − idle) per resource (`calc_net_load_average`).
    public static func netLoad(gross: EcoDigitPerResource<Double>, idle: EcoDigitPerResource<Double>) -> EcoDigitPerResource<Double> {
        EcoDigitPerResource { max(0, gross[$0] - idle[$0]) }
    }

    /// Digital work DW = net load × capacity × time (`calc_digital_work`): GHz·bit·s, GB·s, GB·s, Mbit.
    public static func digitalWork(netLoad: EcoDigitPerResource<Double>, device: EcoDigitDevice,
                                   seconds: Double) -> EcoDigitPerResource<Double> {
        EcoDigitPerResource { netLoad[$0] * device.capacity[$0].value * seconds }
    }

    /// Effort-benefit ratio of power, EBR_P = P_brutto_average ÷ (capacity × average load), W per
    /// capacity unit (`calc_ebr_power`); 0 where the denominator is 0.
    public static func powerRatio(_ device: EcoDigitDevice) -> EcoDigitPerResource<Double> {
        EcoDigitPerResource { r in
            let average = device.capacity[r].value * device.averageLoad[r].value
            return average > 0 ? device.powerW[r].value / average : 0
        }
    }

    /// Modelled energy per resource, J = DW × EBR_P (`calc_runtime_energy_consumption`, which divides by 3.6e6 for kWh).
    public static func energyJoules(digitalWork: EcoDigitPerResource<Double>, device: EcoDigitDevice) -> EcoDigitPerResource<Double> {
        let ratio = powerRatio(device)
        return EcoDigitPerResource { digitalWork[$0] * ratio[$0] }
    }

    /// Embedded impact of one category charged to the software: Σ DW × EBR_embedded, where
    /// EBR_embedded = embedded ÷ (capacity × average load × lifetime in s) (`calc_ebr_embedded`,
    /// `calc_environmental_impacts_embedded`); a resource with no lifetime work adds 0.
    public static func embeddedImpact(_ category: EcoDigitCategory, digitalWork: EcoDigitPerResource<Double>,
                                      device: EcoDigitDevice) -> Double {
        let seconds = device.lifetimeYears.value * secondsPerYear
        return EcoDigitResource.allCases.reduce(0) { sum, r in
            let lifetimeWork = device.capacity[r].value * device.averageLoad[r].value * seconds
            return sum + (lifetimeWork > 0 ? digitalWork[r] * device.embedded[category].perResource[r] / lifetimeWork : 0)
        }
    }

    /// Impacts of one category: use phase (kWh × factor), embedded, total; PEF-normalised
    /// (total ÷ normalisation factor) and weighted, and the reference's product (total × factor × weight).
    public static func impact(_ category: EcoDigitCategory, energyJoules: Double, digitalWork: EcoDigitPerResource<Double>,
                              device: EcoDigitDevice) -> EcoDigitImpact {
        let usePhase = energyJoules / joulesPerKWh * device.emissionFactorsPerKwh[category].value
        let embedded = embeddedImpact(category, digitalWork: digitalWork, device: device)
        let total = usePhase + embedded
        let factor = device.normalisationFactors[category].value, weight = device.weights[category].value
        let normalised = factor > 0 ? total / factor : 0
        return EcoDigitImpact(unit: category.unit, usePhase: usePhase, embedded: embedded, total: total,
                              pefNormalised: normalised, pefWeighted: normalised * weight,
                              referenceNormalisedWeighted: total * factor * weight)
    }
}
