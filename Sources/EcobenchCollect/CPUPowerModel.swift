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
/// The curve describes sustained load: it is applied to utilisation averaged over a trailing
/// `averagingWindowSeconds` (2 s), never to one sampler tick (`CPUEstimateProbe`), so the
/// estimate does not depend on `--interval` (up to 2 s).
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
    /// The window (s) over which utilisation is averaged before the curve is applied.
    public static let averagingWindowSeconds = 2.0
    /// Relative uncertainty when the TDP itself is the assumed per-vCPU default.
    public static let assumedRelativeUncertainty = 0.5

    /// TDP attributed to the CPUs this machine can use (a whole package, or a VM's share);
    /// nil for a measured host profile.
    public var tdpWatts: Double?
    /// Where the scale or the profile came from, e.g. "TDP 65 W (user-supplied)".
    public var tdpDescription: String
    public var relativeUncertainty: Double
    /// Power (W) at utilisation points (fraction of 1), interpolated linearly between them.
    public var curveUtilisation: [Double]
    public var curvePowerWatts: [Double]
    public var curveName: String

    public init(tdpWatts: Double, tdpDescription: String,
                relativeUncertainty: Double = CPUPowerModel.defaultRelativeUncertainty) {
        self.tdpWatts = tdpWatts
        self.tdpDescription = tdpDescription
        self.relativeUncertainty = relativeUncertainty
        self.curveUtilisation = CPUPowerModel.utilisationPoints
        self.curvePowerWatts = CPUPowerModel.tdpRatios.map { $0 * tdpWatts }
        self.curveName = CPUPowerModel.curveName
    }

    /// A model from a host power profile measured by `ecobench calibrate`.
    public init(profile: PowerProfile, path: String) {
        tdpWatts = nil
        tdpDescription = "\(path), measured \(profile.createdAt) with \(profile.meter.kind.rawValue) \(profile.meter.method)"
        relativeUncertainty = profile.relativeUncertainty
        curveUtilisation = profile.points.map(\.utilisation)
        curvePowerWatts = profile.points.map(\.powerWatts)
        curveName = "host power profile"
    }

    /// Human-readable model for `SourceDescriptor.model`.
    public var modelDescription: String { "\(curveName), \(tdpDescription)" }

    /// f(u): linear interpolation of the curve; u is clamped to [0, 1].
    public static func tdpRatio(utilisation: Double) -> Double {
        let u = utilisation.isNaN ? 0 : min(1, max(0, utilisation))
        return PiecewiseLinear.value(xs: utilisationPoints, ys: tdpRatios, at: u)
    }

    /// Estimated power in W at utilisation `u` (fraction of 1).
    public func powerWatts(utilisation u: Double) -> Double {
        PiecewiseLinear.value(xs: curveUtilisation, ys: curvePowerWatts, at: u.isNaN ? 0 : min(1, max(0, u)))
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
                tdpDescription: "TDP \(format(entry.tdpWatts)) W per socket × \(cpus)/\(entry.threadsPerSocket) threads = \(format(share)) W (\(entry.model), \(CPUTDPTable.sourceNote))")
        }
        let perCPU = CPUTDPTable.assumedWattsPerLogicalCPU
        return CPUPowerModel(
            tdpWatts: perCPU * Double(cpus),
            tdpDescription: "TDP \(format(perCPU)) W/vCPU × \(cpus) (assumed: \(CPUTDPTable.assumedSourceNote))",
            relativeUncertainty: assumedRelativeUncertainty)
    }

    package static func format(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e12 { return String(Int64(x)) }
        return String((x * 100).rounded() / 100)
    }
}
