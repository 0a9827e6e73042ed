import Foundation
import EcobenchCollect

/// `ecobench check`, also run before every `ecobench run`: samples the machine for a short
/// while and reports, per condition that would spoil a measurement, pass/warn/fail with the
/// measured value and the threshold (see `PreflightThresholds`).
public struct PreflightChecker: Sendable {
    public var procRoot: String
    public var sysfsRoot: String
    public var sampleSeconds: Double
    public var thresholds: PreflightThresholds
    /// The hottest temperature the last run recorded (°C), for the thermal comparison.
    public var previousHottestCelsius: Double?
    /// Processes left out of `heavy_processes` (ecobench itself and its parent, e.g. a test runner).
    public var excludedPIDs: Set<Int32>

    public init(procRoot: String = "/proc", sysfsRoot: String = "/sys", sampleSeconds: Double = 1,
                thresholds: PreflightThresholds = PreflightThresholds(), previousHottestCelsius: Double? = nil,
                excludedPIDs: Set<Int32> = [getpid()]) {
        self.procRoot = procRoot
        self.sysfsRoot = sysfsRoot
        self.sampleSeconds = sampleSeconds
        self.thresholds = thresholds
        self.previousHottestCelsius = previousHottestCelsius
        self.excludedPIDs = excludedPIDs
    }

    /// Makes every check. Throws only when `/proc/stat` itself cannot be read (naming it).
    public func run() throws -> [ReportCheck] {
        let before = try PreflightSnapshot.take(procRoot: procRoot)
        usleep(UInt32(max(0.05, sampleSeconds) * 1e6))
        let after = try PreflightSnapshot.take(procRoot: procRoot)
        let state = SystemStateReader(sysfsRoot: sysfsRoot)
        return cpuChecks(before, after) + [swapCheck(before, after)] + [governorCheck(state), turboCheck(state),
            thermalCheck(state), heavyProcessCheck(before, after), clockSourceCheck(state)]
    }

    package func cpuChecks(_ a: PreflightSnapshot, _ b: PreflightSnapshot) -> [ReportCheck] {
        let d = b.cpu.subtracting(a.cpu)
        let total = Double(max(1, d.totalTicks))
        let busy = 100 * Double(d.busyTicks) / total
        let steal = 100 * Double(d.steal) / total
        let t = thresholds
        let busyStatus: CheckStatus = busy > t.busyFailPercent ? .fail : busy > t.busyWarnPercent ? .warn : .pass
        return [
            ReportCheck(name: "cpu_busy", status: busyStatus, value: String(format: "%.1f %%", busy),
                        threshold: String(format: "warn > %g %%, fail > %g %%", t.busyWarnPercent, t.busyFailPercent),
                        detail: String(format: "over a %.1f s sample of %@/stat", sampleSeconds, procRoot), measured: busy),
            ReportCheck(name: "cpu_steal", status: steal > t.stealWarnPercent ? .warn : .pass,
                        value: String(format: "%.1f %%", steal),
                        threshold: String(format: "warn > %g %% (VM-inherent, never fails)", t.stealWarnPercent),
                        measured: steal),
        ]
    }

    package func swapCheck(_ a: PreflightSnapshot, _ b: PreflightSnapshot) -> ReportCheck {
        let t = thresholds
        let rule = String(format: "warn > %g pages/s, fail > %g pages/s", t.swapWarnPagesPerSecond, t.swapFailPagesPerSecond)
        guard let x = a.swappedPages, let y = b.swappedPages else {
            return ReportCheck(name: "swap_activity", status: .pass, value: "not exposed", threshold: rule,
                               detail: "\(procRoot)/vmstat has no pswpin/pswpout")
        }
        let seconds = max(1e-3, Double(b.takenAtNanoseconds - a.takenAtNanoseconds) / 1e9)
        let rate = Double(y - x) / seconds
        let status: CheckStatus = rate > t.swapFailPagesPerSecond ? .fail : rate > t.swapWarnPagesPerSecond ? .warn : .pass
        return ReportCheck(name: "swap_activity", status: status, value: String(format: "%.1f pages/s", rate),
                           threshold: rule, measured: rate)
    }

    package func governorCheck(_ state: SystemStateReader) -> ReportCheck {
        let governors = state.governors()
        let rule = "warn unless every CPU uses performance (others change frequency with load)"
        guard !governors.isEmpty else {
            return ReportCheck(name: "cpu_governor", status: .pass, value: "not exposed", threshold: rule,
                               detail: "no cpufreq under \(sysfsRoot)/devices/system/cpu (usual in VMs): unknown")
        }
        return ReportCheck(name: "cpu_governor", status: governors == ["performance"] ? .pass : .warn,
                           value: governors.joined(separator: ","), threshold: rule)
    }

    package func turboCheck(_ state: SystemStateReader) -> ReportCheck {
        let rule = "warn when turbo is on (clock speed then depends on temperature and load)"
        guard let turbo = state.turboEnabled() else {
            return ReportCheck(name: "turbo", status: .pass, value: "not exposed", threshold: rule,
                               detail: "neither intel_pstate/no_turbo nor cpufreq/boost exists: unknown")
        }
        return ReportCheck(name: "turbo", status: turbo.enabled ? .warn : .pass, value: turbo.enabled ? "on" : "off",
                           threshold: rule, detail: "from " + turbo.file)
    }

    package func thermalCheck(_ state: SystemStateReader) -> ReportCheck {
        let rise = thresholds.thermalWarnRiseCelsius
        let rule = String(format: "warn when %g °C or more above the last run's", rise)
        guard let hottest = state.hottestCelsius() else {
            return ReportCheck(name: "thermal", status: .pass, value: "not exposed", threshold: rule,
                               detail: "no hwmon temperature sensor")
        }
        let value = String(format: "%.1f °C", hottest.celsius)
        guard let previous = previousHottestCelsius else {
            return ReportCheck(name: "thermal", status: .pass, value: value, threshold: rule,
                               detail: "\(hottest.sensor); no earlier run recorded a temperature", measured: hottest.celsius)
        }
        return ReportCheck(name: "thermal", status: hottest.celsius - previous >= rise ? .warn : .pass, value: value,
                           threshold: rule, detail: String(format: "%@; last run %.1f °C", hottest.sensor, previous),
                           measured: hottest.celsius)
    }

    package func heavyProcessCheck(_ a: PreflightSnapshot, _ b: PreflightSnapshot) -> ReportCheck {
        let seconds = max(1e-3, Double(b.takenAtNanoseconds - a.takenAtNanoseconds) / 1e9)
        var usage: [(pid: Int32, comm: String, percent: Double)] = []
        for (pid, now) in b.processes where !excludedPIDs.contains(pid) {
            guard let then = a.processes[pid] else { continue }
            let percent = 100 * Double(now.ticks - then.ticks) / ProcStat.ticksPerSecond / seconds
            if percent > 0 { usage.append((pid, now.comm, percent)) }
        }
        usage.sort { $0.percent > $1.percent }
        let limit = thresholds.heavyProcessWarnPercent
        let heavy = usage.filter { $0.percent > limit }
        let top = usage.prefix(3).map { String(format: "%@ (pid %d) %.0f %%", $0.comm, $0.pid, $0.percent) }
        return ReportCheck(name: "heavy_processes", status: heavy.isEmpty ? .pass : .warn,
                           value: "\(heavy.count) above limit",
                           threshold: String(format: "warn when another process uses > %g %% of a CPU", limit),
                           detail: top.isEmpty ? "no process used CPU" : "top: " + top.joined(separator: ", "),
                           measured: Double(heavy.count))
    }

    package func clockSourceCheck(_ state: SystemStateReader) -> ReportCheck {
        let good = thresholds.goodClockSources.sorted().joined(separator: ", ")
        let rule = "warn unless one of \(good)"
        guard let source = state.clockSource() else {
            return ReportCheck(name: "clock_source", status: .warn, value: "not exposed", threshold: rule)
        }
        return ReportCheck(name: "clock_source", status: thresholds.goodClockSources.contains(source) ? .pass : .warn,
                           value: source, threshold: rule)
    }
}
