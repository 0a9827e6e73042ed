/// What one agent said about one phase window: the node's energy (with its source, kind and
/// coverage) and, when the agent samples `/proc/stat`, the node's busy CPU seconds.
public struct AgentWindowReading: Sendable, Equatable {
    public var window: ClusterWindow
    public var energy: NodeEnergyReading
    public var busyCPUSeconds: Double?

    public init(window: ClusterWindow, energy: NodeEnergyReading, busyCPUSeconds: Double?) {
        self.window = window
        self.energy = energy
        self.busyCPUSeconds = busyCPUSeconds
    }
}
