import Foundation
import EcobenchCollect

/// Reads the machine settings the pre-flight checks report on from a sysfs tree: the CPU
/// frequency governors, turbo state, clock source and temperatures.
package struct SystemStateReader: Sendable {
    package var sysfsRoot: String

    private func text(_ relative: String) -> String? {
        (try? SysfsFile.readText(path: sysfsRoot + "/" + relative))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Distinct `scaling_governor` values of every CPU, sorted; empty when cpufreq is absent.
    package func governors() -> [String] {
        let base = sysfsRoot + "/devices/system/cpu"
        let cpus = ((try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [])
            .filter { $0.hasPrefix("cpu") && Int($0.dropFirst(3)) != nil }
        let values = cpus.compactMap { text("devices/system/cpu/\($0)/cpufreq/scaling_governor") }
        return Array(Set(values)).sorted()
    }

    /// Turbo on or off: intel_pstate `no_turbo` (1 = off), else cpufreq `boost` (1 = on);
    /// nil when neither is exposed.
    package func turboEnabled() -> (enabled: Bool, file: String)? {
        if let noTurbo = text("devices/system/cpu/intel_pstate/no_turbo"), let v = Int(noTurbo) {
            return (v == 0, "intel_pstate/no_turbo")
        }
        if let boost = text("devices/system/cpu/cpufreq/boost"), let v = Int(boost) {
            return (v == 1, "cpufreq/boost")
        }
        return nil
    }

    package func clockSource() -> String? {
        text("devices/system/clocksource/clocksource0/current_clocksource")
    }

    /// The hottest temperature sensor, °C, with its name: through libsensors (`HwmonDiscovery`)
    /// on the real `/sys`, from `class/hwmon/*/temp*_input` (m°C) under another root.
    package func hottestCelsius() -> (celsius: Double, sensor: String)? {
        if sysfsRoot == "/sys" {
            let temps = HwmonDiscovery.discover().readings.filter { $0.quantity == .temperature && $0.value.isFinite }
            guard let hottest = temps.max(by: { $0.value < $1.value }) else { return nil }
            return (hottest.value, "\(hottest.chip) \(hottest.label)")
        }
        let base = sysfsRoot + "/class/hwmon"
        var best: (celsius: Double, sensor: String)?
        for chip in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: base + "/" + chip)) ?? []
            where file.hasPrefix("temp") && file.hasSuffix("_input") {
                guard let milli = text("class/hwmon/\(chip)/\(file)").flatMap(Double.init) else { continue }
                let celsius = milli / 1000
                if best.map({ celsius > $0.celsius }) ?? true { best = (celsius, "\(chip) \(file)") }
            }
        }
        return best
    }
}
