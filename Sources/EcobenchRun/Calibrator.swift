import Foundation
import EcobenchCollect
import EcobenchAttribute

/// Drives the machine through CPU load levels with stress-ng, reads the best measured meter at
/// each level, and fits a power profile (power against utilisation) for the estimator.
public struct Calibrator {
    public struct Settings: Sendable {
        /// Target loads, fractions of 1 (0 = nothing started).
        public var levels: [Double] = [0, 0.10, 0.25, 0.50, 0.75, 1.0]
        public var settleSeconds: Double = 5
        public var measureSeconds: Double = 20
        public var repetitions: Int = 2
        public var intervalNanoseconds: Int64 = 100_000_000

        public init() {}
    }

    public enum CalibrationError: Error, CustomStringConvertible {
        case noMeter(notes: [String])
        case loadFailed(String)
        case interrupted(String)

        public var description: String {
            switch self {
            case .noMeter(let notes):
                return "calibrate needs a measured power source (RAPL, hwmon, Redfish, IPMI); none is readable here"
                    + (notes.isEmpty ? "" : " (" + notes.joined(separator: "; ") + ")")
            case .loadFailed(let message): return "load generator failed: \(message)"
            case .interrupted(let signal): return "calibration interrupted by \(signal)"
            }
        }
    }

    public var settings: Settings
    public var sources: SourceOptions
    public var stop: StopSignal
    public var progress: ProgressReporter

    public init(settings: Settings, sources: SourceOptions, stop: StopSignal, progress: ProgressReporter) {
        self.settings = settings
        self.sources = sources
        self.stop = stop
        self.progress = progress
    }

    public func run() throws -> PowerProfile {
        var options = sources
        options.allowEstimate = false
        let discovery = try SourceDiscovery.probes(options: options, workload: nil)
        let channels = discovery.probes.flatMap(\.channels)
        guard let meter = NodeEnergySelection.choose(from: channels), meter.kind == .measured else {
            throw CalibrationError.noMeter(notes: discovery.notes)
        }
        let index = { (name: String) in channels.firstIndex { $0.name == name } }
        let meterIndexes = meter.channels.compactMap(index)
        guard let busy = index(Channels.nodeBusyCPUSeconds), let total = index(Channels.nodeTotalCPUSeconds),
              let steal = index("node.cpu.steal_seconds") else {
            throw CalibrationError.noMeter(notes: ["no /proc/stat channels"])
        }
        let sampler = Sampler(probes: discovery.probes, sourceIDs: channels.indices.map { Int64($0) },
                              sink: DiscardingSink(), intervalNanoseconds: settings.intervalNanoseconds,
                              originNanoseconds: MonotonicClock.nowNanoseconds())
        progress.watchPower(channels: channels)
        sampler.start()
        defer { sampler.stop() }

        var measured: [Double: [(utilisation: Double, watts: Double)]] = [:]
        let cpus = max(1, HostInfo.read(procRoot: sources.procRoot, sysfsRoot: sources.sysfsRoot).logicalCPUs)
        for repetition in 1...settings.repetitions {
            for level in settings.levels {
                progress.log(String(format: "calibrate: repetition %d/%d, load %.0f %%", repetition,
                                    settings.repetitions, level * 100))
                let load = try startLoad(level: level, cpus: cpus)
                defer { load?.terminateGroup(graceSeconds: 1) }
                try wait(settings.settleSeconds, sampler)
                guard let a = sampler.tickNow() else { break }
                try wait(settings.measureSeconds, sampler)
                guard let b = sampler.tickNow() else { break }
                let seconds = Double(b.timeNanoseconds - a.timeNanoseconds) / 1e9
                let joules = meterIndexes.reduce(0.0) { $0 + (b.values[$1] - a.values[$1]) }
                let available = (b.values[total] - a.values[total]) - (b.values[steal] - a.values[steal])
                let utilisation = available > 0 ? min(1, max(0, (b.values[busy] - a.values[busy]) / available)) : 0
                if seconds > 0, joules.isFinite {
                    measured[level, default: []].append((utilisation, joules / seconds))
                }
            }
        }
        return try profile(from: measured, meter: meter)
    }

    package func startLoad(level: Double, cpus: Int) throws -> LaunchedProcess? {
        guard level > 0 else { return nil }
        let seconds = Int((settings.settleSeconds + settings.measureSeconds + 5).rounded(.up))
        let argv = ["stress-ng", "--cpu", String(cpus), "--cpu-load", String(Int((level * 100).rounded())),
                    "--timeout", "\(seconds)s", "--quiet"]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ecobench-calibrate-\(getpid())").path
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        do {
            return try ProcessLauncher.launch(argv: argv, environment: [:], workingDirectory: dir, cgroupProcsPath: nil,
                                              outputPrefix: dir + "/load", label: "calibrate")
        } catch { throw CalibrationError.loadFailed("\(error)") }
    }

    package func wait(_ seconds: Double, _ sampler: Sampler) throws {
        let deadline = MonotonicClock.nowNanoseconds() + Int64(seconds * 1e9)
        while MonotonicClock.nowNanoseconds() < deadline {
            if let signal = stop.reason { throw CalibrationError.interrupted(signal) }
            progress.update(sample: sampler.latest())
            stop.wait(seconds: 0.1)
        }
    }

    package func profile(from measured: [Double: [(utilisation: Double, watts: Double)]],
                         meter: NodeEnergySelection) throws -> PowerProfile {
        let points = measured.keys.sorted().compactMap { level -> PowerProfile.Point? in
            guard let values = measured[level], !values.isEmpty else { return nil }
            let watts = SummaryStatistics(values.map(\.watts))
            let utilisation = values.map(\.utilisation).reduce(0, +) / Double(values.count)
            return PowerProfile.Point(targetLoad: level, utilisation: utilisation, powerWatts: watts?.mean ?? 0,
                                      sdWatts: watts?.sd, repetitions: values.count)
        }
        // Spread between repetitions relative to the level's power, as a root mean square,
        // with a 10 % floor: a CPU-load profile does not see memory, disk or network load.
        let relative = points.compactMap { p in p.sdWatts.map { p.powerWatts > 0 ? $0 / p.powerWatts : 0 } }
        let rms = relative.isEmpty ? 0 : (relative.map { $0 * $0 }.reduce(0, +) / Double(relative.count)).squareRoot()
        let (host, _) = ReportHost.read(procRoot: sources.procRoot, sysfsRoot: sources.sysfsRoot)
        return PowerProfile(
            createdAt: RunClock.iso8601Now(), fingerprint: host.fingerprint ?? "unknown", cpuModel: host.cpuModel,
            logicalCpus: host.logicalCpus,
            meter: .init(kind: meter.kind, method: meter.method, channels: meter.channels),
            points: points, relativeUncertainty: max(0.10, rms, meter.relativeUncertainty ?? 0))
    }
}
