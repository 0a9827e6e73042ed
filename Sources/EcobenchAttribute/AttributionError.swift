public enum AttributionError: Error, CustomStringConvertible, Sendable {
    case noEnergySource
    case missingSamples(channel: String, phase: String)

    public var description: String {
        switch self {
        case .noEnergySource:
            return "the run has no energy channel (no RAPL zone and no CPU estimate was recorded)"
        case .missingSamples(let channel, let phase):
            return "no samples of \(channel) around \(phase): cannot compute its energy"
        }
    }
}
