/// Estimated CPU power for machines without a power sensor: `P = TDP × f(u)`, with `f` the
/// TDP-ratio load curve published by Teads and used by Boavizta:
///
/// | utilisation | 0 % | 10 % | 50 % | 100 % |
/// |-------------|-----|------|------|-------|
/// | × TDP       | 0.12| 0.32 | 0.75 | 1.02  |
///
/// Sources: Boavizta API `boaviztapi/model/consumption_profile` (`_TDP_RATIOS_WORKLOAD =
/// [0, 10, 50, 100]`, `_TDP_RATIOS = [0.12, 0.32, 0.75, 1.02]`); the Impact Framework's
/// "Teads CPU pipeline" (https://if.greensoftware.foundation/pipelines/teads) interpolating
/// x = [0, 10, 50, 100], y = [0.12, 0.32, 0.75, 1.02]; both after Teads Engineering,
/// "Estimating AWS EC2 Instances Power Consumption" (B. Davy, 2021). Between the points
/// the curve is interpolated linearly (IF's `linear` method; Boavizta fits a curve).
///
/// Uncertainty: the curve comes from a handful of Intel servers measured with RAPL and is
/// applied to any CPU through its TDP; the IF page itself warns it "does not generalize
/// well". We state ±30 % (`defaultRelativeUncertainty`) for a known TDP, a judgement, not a
/// measured figure; the assumed per-vCPU default is looser still and is flagged "assumed".
public struct CPUPowerModel: Hashable, Sendable {
    /// Utilisation anchor points (fraction of 1) and their TDP ratios.
    public static let utilisationPoints: [Double] = [0, 0.10, 0.50, 1.00]
    public static let tdpRatios: [Double] = [0.12, 0.32, 0.75, 1.02]
    public static let curveName = "Teads/Boavizta TDP load curve"
    public static let defaultRelativeUncertainty = 0.3
    /// Relative uncertainty when the TDP itself is the assumed per-vCPU default.
    public static let assumedRelativeUncertainty = 0.5

    /// TDP attributed to the CPUs this machine can use (a whole package, or a VM's share).
    public var tdpWatts: Double
    /// How the TDP was obtained, e.g. "TDP 65 W (user-supplied)".
    public var tdpDescription: String
    public var relativeUncertainty: Double

    public init(tdpWatts: Double, tdpDescription: String,
                relativeUncertainty: Double = CPUPowerModel.defaultRelativeUncertainty) {
        self.tdpWatts = tdpWatts
        self.tdpDescription = tdpDescription
        self.relativeUncertainty = relativeUncertainty
    }

    /// Human-readable model for `SourceDescriptor.model`.
    public var modelDescription: String { "\(CPUPowerModel.curveName), \(tdpDescription)" }

    /// f(u): linear interpolation of the curve; u is clamped to [0, 1].
    public static func tdpRatio(utilisation: Double) -> Double {
        let u = utilisation.isNaN ? 0 : min(1, max(0, utilisation))
        let xs = utilisationPoints, ys = tdpRatios
        if let exact = xs.firstIndex(of: u) { return ys[exact] }
        for i in 1..<xs.count where u <= xs[i] {
            let t = (u - xs[i - 1]) / (xs[i] - xs[i - 1])
            return ys[i - 1] + t * (ys[i] - ys[i - 1])
        }
        return ys[ys.count - 1]
    }

    /// Estimated power in W at utilisation `u` (fraction of 1).
    public func powerWatts(utilisation: Double) -> Double {
        tdpWatts * CPUPowerModel.tdpRatio(utilisation: utilisation)
    }

    /// Picks the TDP: the user's value, else the CPU model table scaled by the CPUs this
    /// machine sees, else the assumed per-vCPU default.
    ///
    /// - `cpuTDPWatts`: from `--cpu-tdp-watts`, taken as the TDP of all the CPUs ecobench
    ///   runs on (not scaled).
    public static func resolve(cpuTDPWatts: Double?, cpuModel: String?, logicalCPUs: Int) -> CPUPowerModel {
        let cpus = max(1, logicalCPUs)
        if let tdp = cpuTDPWatts, tdp > 0 {
            return CPUPowerModel(tdpWatts: tdp, tdpDescription: "TDP \(format(tdp)) W (user-supplied)")
        }
        if let cpuModel, let entry = CPUTDPTable.lookup(cpuModel) {
            let share = entry.tdpWatts * Double(cpus) / Double(entry.threadsPerSocket)
            return CPUPowerModel(
                tdpWatts: share,
                tdpDescription: "TDP \(format(entry.tdpWatts)) W per socket × \(cpus)/\(entry.threadsPerSocket) threads = \(format(share)) W (\(entry.modelSubstring), \(CPUTDPTable.sourceNote))")
        }
        let perCPU = CPUTDPTable.assumedWattsPerLogicalCPU
        return CPUPowerModel(
            tdpWatts: perCPU * Double(cpus),
            tdpDescription: "TDP \(format(perCPU)) W/vCPU × \(cpus) (assumed: \(CPUTDPTable.assumedSourceNote))",
            relativeUncertainty: assumedRelativeUncertainty)
    }

    static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e12 { return String(Int64(x)) }
        return String((x * 100).rounded() / 100)
    }
}
