import EcobenchCollect

/// One separately measured consumer's part of a phase: a service of a multi-service workload
/// (its part of the workload's figures) or the load generator (attributed apart from the workload).
/// Its dynamic energy is its CPU-time share (`CPUShareSplit`, the same split as the workload's)
/// of the dynamic energy not split out by GPU SM time.
public struct ConsumerPhaseShare: Sendable, Equatable {
    /// The service's name, or `load_generator`.
    public var name: String
    public var cpuSeconds: Double
    /// `cpuSeconds / CPUShareSplit.denominatorCPUSeconds`.
    public var cpuShare: Double
    public var dynamicEnergyJoules: Double
    /// The idle policy's part of the idle energy (always 0 for the load generator).
    public var idleEnergyJoules: Double
    public var ioReadBytes: Double
    public var ioWriteBytes: Double

    public var energyJoules: Double { dynamicEnergyJoules + idleEnergyJoules }

    package init(name: String, cpuSeconds: Double, cpuShare: Double, dynamicEnergyJoules: Double,
                 idleEnergyJoules: Double, ioReadBytes: Double, ioWriteBytes: Double) {
        self.name = name
        self.cpuSeconds = cpuSeconds
        self.cpuShare = cpuShare
        self.dynamicEnergyJoules = dynamicEnergyJoules
        self.idleEnergyJoules = idleEnergyJoules
        self.ioReadBytes = ioReadBytes
        self.ioWriteBytes = ioWriteBytes
    }
}

/// The consumers' channels read over one window (`ConsumerChannels`); missing channels read 0.
struct ConsumerReading {
    var name: String
    var cpuSeconds: Double
    var ioReadBytes: Double
    var ioWriteBytes: Double

    init(name: String, prefix: String, window: PhaseWindow, series: CounterSeries) throws {
        func delta(_ suffix: String) throws -> Double {
            max(0, try series.delta(of: ConsumerChannels.channel(prefix, suffix), from: window.startNanoseconds,
                                    to: window.endNanoseconds) ?? 0)
        }
        self.name = name
        cpuSeconds = try delta("cpu_seconds")
        ioReadBytes = try delta("io_read_bytes")
        ioWriteBytes = try delta("io_write_bytes")
    }
}
