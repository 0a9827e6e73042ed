/// Limits the pre-flight checks judge by (documented in docs/sources.md, "Pre-flight checks").
///
/// Conditions a VM cannot help (steal time, no cpufreq, a paravirtual clock) only ever warn:
/// on a shared VM a check that failed on them would stop every run. What fails is what makes
/// a measurement meaningless on any machine: a CPU already nearly saturated, or heavy swapping.
public struct PreflightThresholds: Sendable, Equatable {
    /// Busy share of all CPUs during the baseline sample, percent.
    public var busyWarnPercent: Double = 10
    public var busyFailPercent: Double = 95
    /// Steal share of all CPUs, percent (VMs; warn only).
    public var stealWarnPercent: Double = 5
    /// Pages swapped in + out per second during the sample.
    public var swapWarnPagesPerSecond: Double = 1
    public var swapFailPagesPerSecond: Double = 1000
    /// Rise of the hottest sensor since the last run that recorded one, °C (warn only).
    public var thermalWarnRiseCelsius: Double = 5
    /// Another process using more than this share of one CPU during the sample, percent (warn only).
    public var heavyProcessWarnPercent: Double = 25
    /// Clock sources that time intervals well (others warn).
    public var goodClockSources: Set<String> = ["tsc", "kvm-clock", "arch_sys_counter", "hyperv_clocksource_tsc_page"]

    public init() {}
}
