import Foundation
import EcobenchModel
import EcobenchAttribute

/// What a run was asked to do, stored with it (`runs.settings_json`) so a report can be
/// regenerated later exactly as it was made.
public struct RunSettings: Codable, Sendable, Equatable {
    public var description: String
    public var phaseDurations: PhaseDurations
    public var repetitions: Int
    public var intervalS: Double
    public var idlePolicy: IdlePolicy
    public var carbon: GridIntensity
    public var cpuTdpWatts: Double?
    public var sysfsRoot: String
    public var procRoot: String
    /// How the workload's processes were followed: a cgroup path or "process tree".
    public var workloadTracking: String
    /// SCI and impact inputs (PUE, embodied, lifetime, reserved share, grid series).
    public var impact: ImpactSettings?

    public init(description: String, phaseDurations: PhaseDurations, repetitions: Int, intervalS: Double,
                idlePolicy: IdlePolicy, carbon: GridIntensity, cpuTdpWatts: Double?, sysfsRoot: String,
                procRoot: String, workloadTracking: String, impact: ImpactSettings? = nil) {
        self.description = description
        self.phaseDurations = phaseDurations
        self.repetitions = repetitions
        self.intervalS = intervalS
        self.idlePolicy = idlePolicy
        self.carbon = carbon
        self.cpuTdpWatts = cpuTdpWatts
        self.sysfsRoot = sysfsRoot
        self.procRoot = procRoot
        self.workloadTracking = workloadTracking
        self.impact = impact
    }
}

