import ArgumentParser
import EcobenchCore
import Foundation

struct CalibrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calibrate",
        abstract: "Measure this host's power at CPU load levels with its best meter and save a power profile.",
        discussion: """
            Drives the machine with stress-ng through the load levels, reads the best measured meter \
            (wall/BMC, RAPL psys, RAPL package+DRAM, hwmon), and writes a profile (JSON) named after the \
            hardware fingerprint. Later runs on the same hardware without a meter use it for their \
            estimate instead of the TDP curve, and say so.
            """)

    @OptionGroup var collector: CollectorOptions
    @OptionGroup var meters: MeterOptions

    @Option(help: "Load levels in percent, comma-separated.") var levels: String = "0,10,25,50,75,100"
    @Option(help: "Seconds to let each level settle before measuring.") var settle: Double = 5
    @Option(help: "Seconds to measure each level.") var seconds: Double = 20
    @Option(help: "How many times to go through the levels.") var repetitions: Int = 2
    @Option(help: "Sampling interval in milliseconds.") var interval: Double = 100
    @Option(help: "Profile file to write (default: <data dir>/profiles/<fingerprint>.json).") var out: String?
    @Flag(help: "No progress output.") var quiet = false

    var parsedLevels: [Double]? {
        let values = levels.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && (0...100).contains($0!) }) else { return nil }
        return values.compactMap { $0.map { $0 / 100 } }
    }

    func validate() throws {
        guard let parsed = parsedLevels, Set(parsed).count >= 2 else {
            throw ValidationError("--levels must be at least two distinct percentages 0…100, e.g. 0,50,100; got \(levels)")
        }
        guard settle >= 0, seconds > 0, repetitions >= 1, interval >= 1 else {
            throw ValidationError("--settle ≥ 0, --seconds > 0, --repetitions ≥ 1 and --interval ≥ 1 ms are required")
        }
    }

    func run() throws {
        var settings = Calibrator.Settings()
        settings.levels = parsedLevels ?? settings.levels
        settings.settleSeconds = settle
        settings.measureSeconds = seconds
        settings.repetitions = repetitions
        settings.intervalNanoseconds = Int64(interval * 1e6)
        let stop = StopSignal()
        stop.install()
        let calibrator = Calibrator(settings: settings, sources: try sourceOptions(), stop: stop,
                                    progress: ProgressReporter(mode: .automatic(quiet: quiet)))
        let profile: PowerProfile
        do { profile = try calibrator.run() } catch { throw CLIError("\(error)") }
        let path = out ?? EcobenchPaths.profileDirectory() + "/\(profile.fingerprint).json"
        do { try profile.write(to: path) } catch { throw CLIError("cannot write \(path): \(error)") }
        print("meter: \(profile.meter.kind.rawValue) \(profile.meter.method)")
        for p in profile.points {
            print(String(format: "load %3.0f %%  utilisation %5.1f %%  %7.2f W", p.targetLoad * 100, p.utilisation * 100,
                         p.powerWatts) + (p.sdWatts.map { String(format: " ± %.2f W (sd)", $0) } ?? ""))
        }
        print(String(format: "relative uncertainty %.0f %%", profile.relativeUncertainty * 100))
        print("profile: \(path)")
    }

    func sourceOptions() throws -> SourceOptions {
        var options = collector.sourceOptions
        try meters.apply(to: &options)
        return options
    }
}
