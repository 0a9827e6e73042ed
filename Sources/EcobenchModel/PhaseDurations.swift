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

    /// The planned length of one phase (s).
    public func seconds(_ name: PhaseName) -> Double {
        switch name {
        case .baseline: baselineS
        case .idle: idleS
        case .load: loadS
        case .cooldown: cooldownS
        }
    }

    /// The four phases of one repetition (s).
    public var totalSeconds: Double { PhaseName.allCases.reduce(0) { $0 + seconds($1) } }

    /// Planned seconds after phase `name` of `repetition` ends: the phases after it in that
    /// repetition and every later one's four (repetitions count from 1).
    public func remainingSeconds(after name: PhaseName, repetition: Int, of repetitions: Int) -> Double {
        let order = PhaseName.allCases
        let index = order.firstIndex(of: name) ?? 0
        return order[(index + 1)...].reduce(0) { $0 + seconds($1) } + Double(max(0, repetitions - repetition)) * totalSeconds
    }
}
