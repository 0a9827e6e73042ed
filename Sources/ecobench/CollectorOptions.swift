import ArgumentParser
import EcobenchCore

/// Where the readers look: a real host's roots, or a fixture tree mounted elsewhere.
struct CollectorOptions: ParsableArguments {
    @Option(help: "Root of the sysfs tree to read (powercap, hwmon).")
    var sysfsRoot: String = "/sys"

    @Option(help: "Root of the procfs tree to read.")
    var procRoot: String = "/proc"

    @Option(help: "TDP of the CPU in watts, for the estimate used when no power sensor is readable.")
    var cpuTdpWatts: Double?

    func validate() throws {
        if let cpuTdpWatts, !(cpuTdpWatts > 0 && cpuTdpWatts.isFinite) {
            throw ValidationError("--cpu-tdp-watts must be a positive number of watts, got \(cpuTdpWatts)")
        }
    }
}
