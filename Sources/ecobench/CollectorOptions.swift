import ArgumentParser
import EcobenchCore
import Foundation

/// Where the readers look: a real host's roots, or a fixture tree mounted elsewhere.
struct CollectorOptions: ParsableArguments {
    @Option(help: "Root of the sysfs tree to read (powercap, hwmon).")
    var sysfsRoot: String = "/sys"

    @Option(help: "Root of the procfs tree to read.")
    var procRoot: String = "/proc"

    @Option(help: "TDP of the CPU in watts, for the estimate used when no power sensor is readable.")
    var cpuTdpWatts: Double?

    @Option(help: "Host power profile (from `ecobench calibrate`) for the estimate, instead of the TDP curve.")
    var powerProfile: String?

    @Option(help: "libsensors configuration file (default /etc/sensors3.conf).")
    var sensorsConfig: String?

    @Flag(help: "Do not read hwmon sensors through libsensors.")
    var noHwmon = false

    var sourceOptions: SourceOptions {
        var options = SourceOptions(sysfsRoot: sysfsRoot, procRoot: procRoot)
        options.cpuTDPWatts = cpuTdpWatts
        options.powerProfilePath = powerProfile
        options.sensorsConfigPath = sensorsConfig
        options.hwmon = !noHwmon
        return options
    }

    func validate() throws {
        if let cpuTdpWatts, !(cpuTdpWatts > 0 && cpuTdpWatts.isFinite) {
            throw ValidationError("--cpu-tdp-watts must be a positive number of watts, got \(cpuTdpWatts)")
        }
        if let sensorsConfig, !FileManager.default.isReadableFile(atPath: sensorsConfig) {
            throw ValidationError("--sensors-config \(sensorsConfig): no such readable file")
        }
        if let powerProfile {
            do { _ = try PowerProfile.load(path: powerProfile) } catch { throw ValidationError("\(error)") }
        }
    }
}
