/// The four standard phases of a repetition, in order.
public enum PhaseName: String, Codable, Sendable, CaseIterable {
    case baseline, idle, load, cooldown
}
