import Foundation
import EcobenchAttribute
import EcobenchCollect
import EcobenchCluster

/// The hypervisor agent's per-VM energy (`ecobench agent --vms`): a `VMDiscovery` scan at most
/// every `intervalNanoseconds`, taken after a buffer write, and the node energy since the last
/// scan split between the guests, the host's own processes and nobody by the one
/// `LiveEnergySplit` (consumers keyed by instance UUID, idle per `settings`). Totals continue
/// across restarts through the buffer's counters under `counterPrefix`.
public final class AgentVMs: @unchecked Sendable {
    /// The split's basis label on every VM series.
    public static let basis = "cpu-time-share"
    package static let counterPrefix = "vm-energy-j:"

    /// What `/metrics` and `/samples` show: the latest scan and the totals split at it.
    public struct Snapshot: Sendable {
        public var timeUnixNanoseconds: Int64
        public var guests: [VMGuestCPU]
        public var split: LiveEnergySplit
    }

    public let discovery: VMDiscovery
    public let settings: LiveEnergySplit.Settings
    public let intervalNanoseconds: Int64
    private let lock = NSLock()
    private var split: LiveEnergySplit
    private var guests: [VMGuestCPU] = []
    private var scannedMonotonicNanoseconds: Int64 = .min
    private var scannedUnixNanoseconds: Int64 = 0
    private var reportedProblems = Set<String>()

    public init(discovery: VMDiscovery, settings: LiveEnergySplit.Settings, intervalNanoseconds: Int64 = 5_000_000_000) {
        self.discovery = discovery
        self.settings = settings
        self.intervalNanoseconds = max(0, intervalNanoseconds)
        split = LiveEnergySplit(settings: settings)
    }

    /// Continues the totals stored by an earlier agent process.
    package func restore(counters: [String: Double]) {
        lock.withLock {
            split = LiveEnergySplit(settings: settings, counters: counters, prefix: Self.counterPrefix, label: "vm")
        }
    }

    /// Scans when one is due and splits the node energy read at `timeUnixNanoseconds` (the tick
    /// the values belong to) by the CPU shares the scan reads (the guests' and the host's busy
    /// CPU, one moment); returns the counters to store, nil when no scan was due.
    package func record(nodeEnergyJoules: Double, timeUnixNanoseconds: Int64, log: (String) -> Void) -> [String: Double]? {
        lock.withLock {
            let now = MonotonicClock.nowNanoseconds()
            guard scannedMonotonicNanoseconds == .min || now - scannedMonotonicNanoseconds >= intervalNanoseconds,
                  timeUnixNanoseconds > scannedUnixNanoseconds else { return nil }
            let result = discovery.scan()
            for problem in result.problems where reportedProblems.insert(problem).inserted { log(problem) }
            scannedMonotonicNanoseconds = now
            scannedUnixNanoseconds = timeUnixNanoseconds
            guests = result.guests
            split.add(.init(timeSeconds: Double(timeUnixNanoseconds) / 1e9, nodeEnergyJoules: nodeEnergyJoules,
                            nodeBusyCPUSeconds: result.hostBusyCPUSeconds ?? .nan,
                            consumerCPUSeconds: Dictionary(guests.map { ($0.instanceUUID, $0.cpuSeconds) },
                                                           uniquingKeysWith: { first, _ in first }),
                            reservedCPUs: Dictionary(guests.compactMap { guest in guest.vcpus.map { (guest.instanceUUID, Double($0)) } },
                                                     uniquingKeysWith: { first, _ in first })))
            return split.counters(prefix: Self.counterPrefix, label: "vm", keep: Set(guests.map(\.instanceUUID)))
        }
    }

    public func snapshot() -> Snapshot {
        lock.withLock { Snapshot(timeUnixNanoseconds: scannedUnixNanoseconds, guests: guests, split: split) }
    }

    /// The `vms` member of `/samples`; `accuracy`: the host meter's stated relative uncertainty and its basis.
    package func wire(hostMeter: String, accuracy: (relative: Double, basis: String)? = nil) -> AgentWire.VMEnergy {
        let now = snapshot()
        return AgentWire.VMEnergy(
            timeUnixNanoseconds: now.timeUnixNanoseconds, basis: Self.basis, idlePolicy: settings.idlePolicy.rawValue,
            hostIdleWatts: settings.idlePolicy == .proportional ? nil : settings.idleWatts, hostMeter: hostMeter,
            hostMeterRelativeUncertainty: accuracy?.relative, hostMeterUncertaintyBasis: accuracy?.basis,
            hostEnergyJoules: now.split.nodeEnergyJoules, hostProcessesJoules: now.split.otherProcessesJoules,
            unattributedJoules: now.split.unattributedJoules,
            guests: now.guests.map { guest in
                // A guest counts from its second scan: 0 J at its first.
                .init(instanceUUID: guest.instanceUUID, name: guest.name, energyJoules: now.split.consumerJoules[guest.instanceUUID] ?? 0,
                      cpuSeconds: guest.cpuSeconds, vcpus: guest.vcpus, origin: guest.origin.rawValue)
            })
    }
}
