import Foundation

/// A CPU's die area from its core count, as BoaviztAPI 2.5.0 completes it when only the cores
/// are known: the mean `total_die_size` of the CPUs with that core count in its dataset
/// (`boaviztapi/data/crowdsourcing/cpu_specs.csv`, 1520 rows with a die size), else a straight
/// line fitted by least squares over all those rows; BoaviztAPI rounds either to 3 significant
/// figures. The numbers below are that dataset's (regenerated and checked by
/// `Tests/tools/boavizta_reference.py`, key `cpu_die_area`).
public enum BoaviztaCPUDieArea {
    /// Mean die area (mm², 3 significant figures) of the CPUs with each core count.
    public static let meanMm2ByCores: [Int: Double] = [
        2: 383, 4: 182, 6: 220, 8: 332, 10: 384, 12: 417, 14: 269, 16: 607, 18: 716, 20: 1390,
        24: 834, 28: 1310, 32: 1310, 36: 1910, 40: 1910, 44: 1910, 48: 1370, 52: 1910, 56: 1700,
        60: 1910, 64: 1040, 84: 1260, 96: 1280, 128: 428,
    ]
    /// Least-squares line over all rows: die area (mm²) = intercept + slope × cores.
    public static let fitInterceptMm2 = 211.26794010521684
    public static let fitSlopeMm2PerCore = 19.65981527701637

    /// Die area (mm²) for `cores` and how it was found.
    public static func areaMm2(cores: Int) -> (mm2: Double, basis: String) {
        if let mean = meanMm2ByCores[cores] {
            return (mean, "mean die area of the \(cores)-core CPUs in BoaviztAPI 2.5.0's cpu_specs.csv")
        }
        let fitted = roundedToSignificantFigures(fitInterceptMm2 + fitSlopeMm2PerCore * Double(cores), 3)
        return (fitted, String(format: "no %d-core CPU in BoaviztAPI 2.5.0's cpu_specs.csv: its linear fit "
                               + "%.2f + %.3f × %d mm²", cores, fitInterceptMm2, fitSlopeMm2PerCore, cores))
    }

    static func roundedToSignificantFigures(_ value: Double, _ figures: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        let scale = pow(10, Double(figures) - ceil(log10(abs(value))))
        return (value * scale).rounded() / scale
    }
}
