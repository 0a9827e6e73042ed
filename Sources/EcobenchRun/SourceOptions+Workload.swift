import EcobenchCollect

extension SourceOptions {
    /// These options with `shortestPhaseSeconds` set to the shortest phase longer than 0.
    public func withShortestPhase(of phases: WorkloadSpec.Phases) -> SourceOptions {
        var options = self
        options.shortestPhaseSeconds = [phases.baselineSeconds, phases.idleSeconds, phases.loadSeconds,
                                        phases.cooldownSeconds].filter { $0 > 0 }.min()
        return options
    }
}
