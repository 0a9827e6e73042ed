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
    /// The smallest and the largest die area (mm², 3 significant figures) of the CPUs with each
    /// core count: the min and max BoaviztAPI 2.5.0 states beside the mean when the core count is given.
    public static let minMm2ByCores: [Int: Double] = [
        2: 41.2, 4: 82.4, 6: 124, 8: 120, 10: 150, 12: 186, 14: 215, 16: 205, 18: 456, 20: 257,
        24: 257, 28: 688, 32: 530, 36: 1910, 40: 1910, 44: 1910, 48: 973, 52: 1910, 56: 1060,
        60: 1910, 64: 347, 84: 1260, 96: 347, 128: 428,
    ]
    public static let maxMm2ByCores: [Int: Double] = [
        2: 3640, 4: 484, 6: 1910, 8: 1910, 10: 1910, 12: 1910, 14: 484, 16: 1910, 18: 1910, 20: 1910,
        24: 1910, 28: 1910, 32: 1910, 36: 1910, 40: 1910, 44: 1910, 48: 1910, 52: 1910, 56: 1910,
        60: 1910, 64: 1600, 84: 1260, 96: 2280, 128: 428,
    ]
    /// Least-squares line over all rows: die area (mm²) = intercept + slope × cores.
    public static let fitInterceptMm2 = 211.26794010521684
    public static let fitSlopeMm2PerCore = 19.65981527701637

    /// Die area (mm²) for `cores`, the min and max BoaviztAPI 2.5.0 states beside it (the
    /// smallest and largest die of those CPUs; none for the linear fit, whose core count is
    /// given), and how it was found.
    public static func areaMm2(cores: Int) -> (mm2: Double, minMm2: Double, maxMm2: Double, basis: String) {
        if let mean = meanMm2ByCores[cores], let low = minMm2ByCores[cores], let high = maxMm2ByCores[cores] {
            return (mean, low, high, "mean die area of the \(cores)-core CPUs in BoaviztAPI 2.5.0's cpu_specs.csv")
        }
        let fitted = roundedToSignificantFigures(fitInterceptMm2 + fitSlopeMm2PerCore * Double(cores), 3)
        return (fitted, fitted, fitted, String(format: "no %d-core CPU in BoaviztAPI 2.5.0's cpu_specs.csv: its linear fit "
                                               + "%.2f + %.3f × %d mm²", cores, fitInterceptMm2, fitSlopeMm2PerCore, cores))
    }

    package static func roundedToSignificantFigures(_ value: Double, _ figures: Int) -> Double {
        guard value != 0, value.isFinite else { return value }
        let scale = pow(10, Double(figures) - ceil(log10(abs(value))))
        return (value * scale).rounded() / scale
    }
}
