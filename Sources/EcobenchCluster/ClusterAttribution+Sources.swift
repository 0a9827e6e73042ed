extension ClusterAttribution {
    /// A window with no node energy in the source (the command names the exporters it looked for).
    public struct NoNodeEnergy: Error, CustomStringConvertible {
        public var source: String
        public var description: String { "\(source) has no node energy series in the window" }
    }

    /// Reads the load window (and the idle window, where given) from the sources and attributes
    /// the nodes' energy to the pods (`ecobench cluster-energy`); throws what a source throws.
    public func measure(load: ClusterWindow, idle: ClusterWindow?, energy energySource: any NodeEnergySource,
                        pods podSource: any PodCPUSource) throws -> ClusterAttributionResult {
        let energy = try energySource.nodeEnergy(in: load)
        guard !energy.isEmpty else { throw NoNodeEnergy(source: energySource.label) }
        return attribute(load: load, energy: energy, idleWindow: idle,
                         idleEnergy: try idle.map { try energySource.nodeEnergy(in: $0) } ?? [],
                         pods: try podSource.podCPU(in: load), busyCPUSeconds: try podSource.nodeBusyCPUSeconds(in: load),
                         idleBusyCPUSeconds: try idle.map { try podSource.nodeBusyCPUSeconds(in: $0) } ?? [:])
    }
}
