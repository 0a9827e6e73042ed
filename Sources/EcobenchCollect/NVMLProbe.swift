import Foundation

/// Energy of each NVIDIA GPU through NVML: `nvml.gpu<N>.energy` (J counter) from the GPU's
/// total-energy counter (`nvmlDeviceGetTotalEnergyConsumption`, mJ, Volta and newer), or else
/// from its power draw (`nvmlDeviceGetPowerUsage`, mW) integrated between sampler ticks.
/// `model` says which. energyRole is .gpu: added to package + DRAM, never to a wall meter that includes it.
///
/// Read directly in `read(into:)` (NVML calls take microseconds); a reading that fails this
/// tick is `.nan`, as the `Probe` contract asks.
///
/// Per-process GPU use is not read here but by `WorkloadProbe` through `processReader`, at its
/// per-process detail cadence (it knows the workload's processes).
public final class NVMLProbe: ChannelFailureReporting, @unchecked Sendable {
    // Safety: mutable state is touched only from `read(into:)`, on the sampler's thread.
    public struct GPU: Sendable, Equatable {
        public var index: Int
        public var name: String
        public var uuid: String
        /// True when the channel uses the energy counter, false when it integrates power.
        public var usesEnergyCounter: Bool
    }

    public let channels: [SourceDescriptor]
    public let gpus: [GPU]
    /// Per-process SM utilisation and memory, for the GPUs that offer it; nil when none does.
    public let processReader: (any GPUProcessReader)?
    private let library: NVMLLibrary
    private let devices: [OpaquePointer?]
    private var firstMillijoules: [UInt64?]
    private var integrated: [PolledEnergyChannel]

    /// Loads NVML and lists the GPUs. Never throws: without NVML or GPUs the probe is nil and
    /// the note says why (e.g. "NVML not available: libnvidia-ml.so.1 not found (...)").
    /// `libraryName` is a soname searched on the library path, or a path to the library.
    /// The note also says, once, which GPUs offer per-process utilisation and why others do not.
    public static func discover(libraryName: String = "libnvidia-ml.so.1") -> (probe: NVMLProbe?, note: String) {
        do {
            let library = try NVMLLibrary(name: libraryName)
            let count = try library.deviceCount()
            guard count > 0 else { return (nil, "NVML loaded but reports no GPU") }
            let probe = try NVMLProbe(library: library, count: count)
            let names = probe.gpus.map { "gpu\($0.index) \($0.name) (\($0.usesEnergyCounter ? "energy counter" : "power"))" }
            var note = "NVML: " + names.joined(separator: ", ")
            if let offers = probe.processReader?.offers {
                note += "; per-process utilisation: " + offers.map { "gpu\($0.gpu) (SM %\($0.memory ? ", memory" : ""))" }
                    .joined(separator: ", ")
            }
            if !probe.processNotes.isEmpty { note += "; " + probe.processNotes.joined(separator: "; ") }
            return (probe, note)
        } catch {
            return (nil, String(describing: error))
        }
    }

    /// Why some GPUs give no per-process figures (said once, in the discovery note).
    package let processNotes: [String]

    private init(library: NVMLLibrary, count: Int) throws {
        var gpus: [GPU] = []
        var devices: [OpaquePointer?] = []
        var first: [UInt64?] = []
        for index in 0..<count {
            let device = try library.device(at: index)
            let start = library.totalEnergyMillijoules(device)
            gpus.append(GPU(index: index, name: try library.text(library.getName, "nvmlDeviceGetName", of: device),
                            uuid: try library.text(library.getUUID, "nvmlDeviceGetUUID", of: device),
                            usesEnergyCounter: start != nil))
            devices.append(device)
            first.append(start)
        }
        channels = gpus.map { gpu in
            SourceDescriptor(
                name: "nvml.gpu\(gpu.index).energy", kind: .measured, unit: "J", semantics: .counter, scope: .node,
                path: "\(library.name) GPU \(gpu.index) \(gpu.uuid) (\(gpu.name))", energyRole: .gpu,
                model: gpu.usesEnergyCounter
                    ? "NVML total energy counter (nvmlDeviceGetTotalEnergyConsumption, mJ) since the probe started"
                    : "integrated from NVML board power (nvmlDeviceGetPowerUsage, mW), trapezoid between sampler ticks")
        }
        let perProcess = NVMLProcessReader.discover(library: library, devices: devices, labels: channels.map(\.path))
        processReader = perProcess.reader
        processNotes = perProcess.notes
        self.gpus = gpus
        self.library = library
        self.devices = devices
        firstMillijoules = first
        integrated = gpus.map { PolledEnergyChannel(name: "nvml.gpu\($0.index).energy", input: .powerWatts,
                                                      keepsReadings: false) }
    }

    /// Why each GPU's channel was NaN at its latest NaN reading (NVML gives no more than "failed").
    private lazy var failures = [ReadingFailure?](repeating: nil, count: devices.count)

    public func failure(channel: Int) -> ReadingFailure? {
        failures.indices.contains(channel) ? failures[channel] : nil
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        let now = PolledEnergyPoller.monotonicSeconds()
        for index in devices.indices where index < values.count {
            if let start = firstMillijoules[index] {
                let reading = library.totalEnergyMillijoules(devices[index])
                guard let millijoules = reading, millijoules >= start else {
                    let path = "nvml:gpu\(gpus[index].index)"
                    failures[index] = reading.map {
                        .reset(path: path, fromValue: Double(start), toValue: Double($0), unit: "mJ since start")
                    } ?? .unreadable(path: path, detail: "nvmlDeviceGetTotalEnergyConsumption failed")
                    values[index] = .nan
                    continue
                }
                values[index] = Double(millijoules - start) / 1000
            } else if let milliwatts = library.powerMilliwatts(devices[index]) {
                integrated[index].record(value: Double(milliwatts) / 1000, atSeconds: now)
                values[index] = integrated[index].energyJoules
            } else {
                integrated[index].fail(reason: "nvmlDeviceGetPowerUsage failed", atSeconds: now)
                failures[index] = .unreadable(path: "nvml:gpu\(gpus[index].index)", detail: "nvmlDeviceGetPowerUsage failed")
                values[index] = .nan
            }
        }
    }
}
