import Foundation

/// Embodied impacts of one GPU card by BoaviztAPI 2.5.0's GPU model, with its default card
/// (`archetypes/components/gpu.csv` DEFAULT, "Large GPU") for everything the inventory does not
/// know (it gives only the count). The card's impact is the sum of: casing, heatsink and card
/// weight (kg) × per-kg factors; board (PWB) surface × per-cm² factor; GPU and VRAM silicon as the
/// wafer area each die uses, yield losses included, × per-mm² factors; distribution (km × kg ×
/// factor per transport mode); end of life by weight. Factors: `data/factors.yml`, key `gpu`.
public enum BoaviztaGPU {
    package typealias Impacts = BoaviztaComponentFactors.Impacts

    // Default card (gpu.csv DEFAULT).
    public static let weightKg = 1.69
    public static let heatsinkKg = 0.90
    public static let casingKg = 0.79
    public static let pwbSurfaceCm2 = 296.0
    public static let gpuDieMm2 = 814.0
    public static let vramGB = 80.0
    public static let vramDies = 6.0
    public static let boatKm = 19_000.0
    public static let truckKm = 1_000.0
    public static let planeKm = 0.0
    /// VRAM die area per GB (BoaviztAPI's average over the GPUs it studied), mm².
    public static let vramDieMm2PerGB = 15.5

    // Factors (factors.yml `gpu`): manufacture per kg, cm² or mm²; distribution per km·kg; end of life per kg.
    package static let casingPerKg = Impacts(gwpKgCO2e: 8.2542, primaryEnergyMJ: 245.88, adpeKgSbEq: 4.0835e-4)
    package static let heatsinkPerKg = Impacts(gwpKgCO2e: 5.7412, primaryEnergyMJ: 92.287, adpeKgSbEq: 1.8669e-3)
    package static let pwbPerCm2 = Impacts(gwpKgCO2e: 0.032549, primaryEnergyMJ: 0.82969, adpeKgSbEq: 1.2707e-5)
    package static let gpuDiePerMm2 = Impacts(gwpKgCO2e: 0.042592, primaryEnergyMJ: 0.56728, adpeKgSbEq: 1.555e-8)
    package static let vramPerMm2 = Impacts(gwpKgCO2e: 0.18379, primaryEnergyMJ: 2.452, adpeKgSbEq: 5.0731e-9)
    package static let upstreamTransportPerKg = Impacts(gwpKgCO2e: 0.25955, primaryEnergyMJ: 3.619, adpeKgSbEq: 1.0196e-8)
    package static let truckPerKmKg = Impacts(gwpKgCO2e: 5.04e-5, primaryEnergyMJ: 7.04e-4, adpeKgSbEq: 1.98e-12)
    package static let boatPerKmKg = Impacts(gwpKgCO2e: 1.33e-5, primaryEnergyMJ: 1.64e-4, adpeKgSbEq: 4.62e-13)
    package static let planePerKmKg = Impacts(gwpKgCO2e: 2.11e-3, primaryEnergyMJ: 2.95e-2, adpeKgSbEq: 8.31e-11)
    package static let endOfLifePerKg = Impacts(gwpKgCO2e: 1.5062, primaryEnergyMJ: 22.348, adpeKgSbEq: 3.714e-6)

    package static let waferDiameterMm = 300.0
    package static let kerfMm = 0.2

    /// Wafer area one good die of `dieMm2` costs: the die plus its kerf, its share of the wafer
    /// edge that holds no whole die (dies per wafer ≈ wafer area ÷ die − π d ÷ √(2 die)), over a
    /// yield of exp(−√(0.1 × die cm²)).
    public static func effectiveWaferAreaMm2(dieMm2: Double) -> Double {
        let side = dieMm2.squareRoot() + kerfMm
        let die = side * side
        let wafer = Double.pi * pow(waferDiameterMm / 2, 2)
        let diesPerWafer = wafer / die - Double.pi * waferDiameterMm / (2 * die).squareRoot()
        let waferPerDie = wafer / diesPerWafer
        let yield = exp(-((die / 100) * 0.1).squareRoot())
        return waferPerDie / yield
    }

    /// One default card's whole-life embodied impacts, and the arithmetic in words.
    public static func defaultCard() -> (impacts: BoaviztaComponentFactors.Impacts, basis: String) {
        let gpuArea = effectiveWaferAreaMm2(dieMm2: gpuDieMm2)
        let vramArea = effectiveWaferAreaMm2(dieMm2: vramGB * vramDieMm2PerGB / vramDies) * vramDies
        let manufacture = casingPerKg * casingKg + heatsinkPerKg * heatsinkKg + pwbPerCm2 * pwbSurfaceCm2
            + gpuDiePerMm2 * gpuArea + vramPerMm2 * vramArea + upstreamTransportPerKg * weightKg
        let distribution = (boatPerKmKg * boatKm + truckPerKmKg * truckKm + planePerKmKg * planeKm) * weightKg
        let impacts = manufacture + distribution + endOfLifePerKg * weightKg
        let basis = String(format: "BoaviztAPI 2.5.0 default GPU card (\"Large GPU\": %.0f mm² die → %.1f mm² of wafer, "
                           + "%.0f GB VRAM in %.0f dies → %.1f mm², PWB %.0f cm², %.2f kg), not in the inventory",
                           gpuDieMm2, gpuArea, vramGB, vramDies, vramArea, pwbSurfaceCm2, weightKg)
        return (impacts, basis)
    }
}
