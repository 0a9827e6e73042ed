import EcobenchAttribute

/// What `ecobench report` may change when it regenerates a report: how energy becomes CO2e and
/// impacts, and who carries idle energy. The measured samples never change.
public struct ReportOptions: Sendable {
    public var carbon: GridIntensity?
    public var idlePolicy: IdlePolicy?
    public var impact: ImpactSettings?

    public init(carbon: GridIntensity? = nil, idlePolicy: IdlePolicy? = nil, impact: ImpactSettings? = nil) {
        self.carbon = carbon
        self.idlePolicy = idlePolicy
        self.impact = impact
    }
}
