/// Planned phase lengths (s).
public struct PhaseDurations: Codable, Sendable, Equatable {
    /// The baseline phase's length when a workload names none (s).
    public static let defaultBaselineSeconds = 10.0

    public var baselineS: Double
    public var idleS: Double
    public var loadS: Double
    public var cooldownS: Double

    public init(baselineS: Double, idleS: Double, loadS: Double, cooldownS: Double) {
        self.baselineS = baselineS
        self.idleS = idleS
        self.loadS = loadS
        self.cooldownS = cooldownS
    }
}
