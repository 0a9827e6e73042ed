import EcobenchAttribute

/// How an agent node's energy in one phase window splits between the workload and the rest.
///
/// The workload's processes run on the controller; a remote node (a database, a cache, a
/// service the load talks to) is charged to the workload only for what it used above its own
/// baseline: baseline power = the node's energy in the same repetition's baseline phase over
/// that phase's duration; in each phase, idle = baseline power × duration (at most the phase's
/// energy, `IdleSplit`, clamps noted), attributed = energy − idle, unattributed = idle. Without a usable baseline phase
/// (none, zero length, or no samples) nothing of the node is attributed. This is an upper
/// bound when other work shares the node. Invariant (tested): attributed + unattributed = energy.
public struct NodeDynamicAttribution: Sendable, Equatable {
    public var reading: AgentWindowReading
    public var baselinePowerWatts: Double?
    public var attributedEnergyJoules: Double
    public var unattributedEnergyJoules: Double
    /// The idle split's clamps (`IdleSplit`): the phase used less than its baseline power predicts.
    public var notes: [String] = []

    public static let baselinePhase = "baseline"

    /// One attribution per reading of one node, in the readings' order.
    public static func attribute(_ readings: [AgentWindowReading]) -> [NodeDynamicAttribution] {
        var baselinePower: [Int: Double] = [:]
        for r in readings where r.window.phase == baselinePhase && r.window.durationSeconds > 0 && r.energy.coverage > 0 {
            baselinePower[r.window.repetition] = r.energy.energyJoules / r.window.durationSeconds
        }
        return readings.map { r in
            let energy = r.energy.energyJoules
            guard let power = baselinePower[r.window.repetition], r.window.phase != baselinePhase else {
                return NodeDynamicAttribution(reading: r, baselinePowerWatts: baselinePower[r.window.repetition],
                                              attributedEnergyJoules: 0, unattributedEnergyJoules: energy)
            }
            let split = IdleSplit(energyJoules: energy, baselinePowerWatts: power, durationSeconds: r.window.durationSeconds)
            // Energy below zero (a reading error) stays unattributed as it is, so the sum still holds.
            let attributed = split.dynamicEnergyJoules
            return NodeDynamicAttribution(reading: r, baselinePowerWatts: power, attributedEnergyJoules: attributed,
                                          unattributedEnergyJoules: energy - attributed, notes: split.notes)
        }
    }
}
