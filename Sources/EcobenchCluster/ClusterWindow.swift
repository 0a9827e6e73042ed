/// One phase of one repetition as a span of the controller's wall clock (unix nanoseconds),
/// the unit in which remote sources (agents, Prometheus, Kubernetes) are asked for data.
public struct ClusterWindow: Sendable, Equatable, Codable {
    public var phase: String
    public var repetition: Int
    public var startUnixNanoseconds: Int64
    public var endUnixNanoseconds: Int64

    public init(phase: String, repetition: Int, startUnixNanoseconds: Int64, endUnixNanoseconds: Int64) {
        self.phase = phase
        self.repetition = repetition
        self.startUnixNanoseconds = startUnixNanoseconds
        self.endUnixNanoseconds = endUnixNanoseconds
    }

    public var durationSeconds: Double { Double(endUnixNanoseconds - startUnixNanoseconds) / 1e9 }
}
