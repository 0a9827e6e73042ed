/// One line of `/proc/stat` (`cpu` or `cpuN`), in USER_HZ ticks.
public struct CPUTimes: Hashable, Sendable {
    public var user: Int64 = 0
    public var nice: Int64 = 0
    public var system: Int64 = 0
    public var idle: Int64 = 0
    public var iowait: Int64 = 0
    public var irq: Int64 = 0
    public var softirq: Int64 = 0
    public var steal: Int64 = 0

    public init() {}

    public init(user: Int64, nice: Int64, system: Int64, idle: Int64, iowait: Int64,
                irq: Int64, softirq: Int64, steal: Int64) {
        self.user = user; self.nice = nice; self.system = system; self.idle = idle
        self.iowait = iowait; self.irq = irq; self.softirq = softirq; self.steal = steal
    }

    /// user + nice + system + irq + softirq: time spent running something.
    public var busyTicks: Int64 { user + nice + system + irq + softirq }
    /// Sum of all eight fields (guest time is already inside user/nice).
    public var totalTicks: Int64 { busyTicks + idle + iowait + steal }

    /// The eight fields in `/proc/stat` order.
    public var fields: [Int64] { [user, nice, system, idle, iowait, irq, softirq, steal] }

    /// Field-wise difference `self − earlier`.
    public func subtracting(_ earlier: CPUTimes) -> CPUTimes {
        CPUTimes(user: user - earlier.user, nice: nice - earlier.nice,
                 system: system - earlier.system, idle: idle - earlier.idle,
                 iowait: iowait - earlier.iowait, irq: irq - earlier.irq,
                 softirq: softirq - earlier.softirq, steal: steal - earlier.steal)
    }

    /// Busy share of the non-stolen time in an interval (`self` a delta): busy/(total−steal),
    /// 0 for an empty interval, clamped to [0, 1].
    public var utilisation: Double {
        let denominator = totalTicks - steal
        guard denominator > 0 else { return 0 }
        return min(1, max(0, Double(busyTicks) / Double(denominator)))
    }
}
