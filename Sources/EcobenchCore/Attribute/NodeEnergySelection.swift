/// Which energy channels make up the node's energy, chosen so nothing is counted twice:
/// a platform meter (RAPL psys) when present; else every package plus every DRAM zone
/// (core/uncore lie inside their package); else the CPU estimate.
public struct NodeEnergySelection: Sendable, Equatable {
    public var channels: [String]
    public var kind: SourceKind
    public var method: String
    public var relativeUncertainty: Double?

    public static func choose(from sources: [SourceDescriptor]) -> NodeEnergySelection? {
        let energy = sources.filter { $0.unit == "J" && $0.semantics == .counter && $0.energyRole != nil }
        let platform = energy.filter { $0.energyRole == .platform }
        if !platform.isEmpty {
            return NodeEnergySelection(channels: platform.map(\.name), kind: platform[0].kind,
                                       method: "platform meter: " + platform.map(\.name).joined(separator: " + "),
                                       relativeUncertainty: platform.compactMap(\.relativeUncertainty).max())
        }
        let cpuAndMemory = energy.filter { $0.energyRole == .package || $0.energyRole == .dram }
        if !cpuAndMemory.isEmpty {
            let names = cpuAndMemory.map(\.name)
            return NodeEnergySelection(channels: names, kind: .measured,
                                       method: "sum of RAPL packages and DRAM: " + names.joined(separator: " + "),
                                       relativeUncertainty: cpuAndMemory.compactMap(\.relativeUncertainty).max())
        }
        let estimates = energy.filter { $0.energyRole == .cpuEstimate }
        if let estimate = estimates.first {
            return NodeEnergySelection(channels: [estimate.name], kind: .estimated,
                                       method: "estimate: " + (estimate.model ?? estimate.name),
                                       relativeUncertainty: estimate.relativeUncertainty)
        }
        return nil
    }
}
