import Foundation
import EcobenchCollect
import EcobenchCluster

/// The node agent's sampling side: runs a `Sampler` over the probes, writes its ticks (unix
/// time, counters continued from the buffer's last values) to the `AgentBuffer`, and renders
/// `/metrics`, `/samples`, `/pods` and `/clock`. The sampler's causes of unreadable readings
/// (`Sampler.takeChannelGapChanges`) are stored with the ticks they explain and sent in `/samples`.
///
/// Counters: the value exposed for a counter channel is the buffer's last stored value (from
/// before a restart; 0 for a new buffer) plus what the probe counted since this start, and never
/// less than the value exposed before. `/metrics` shows only values already committed to the
/// buffer (written every sampling interval, at least every 100 ms), so even after a crash
/// (SIGKILL) a restarted agent never exposes a `_total` lower than one a scraper has seen.
public final class AgentCollector: SampleSink, @unchecked Sendable {
    public let channels: [SourceDescriptor]
    public let buffer: AgentBuffer
    public let intervalNanoseconds: Int64
    private let names: [String]
    private let units: [String: String]
    private let descriptors: [String: SourceDescriptor]
    /// The polled probes' channels (their readings are rows of their own, see `/samples`).
    private let polledNames: Set<String>
    private let offsets: [Double]
    /// Unix time (ns) of the sampler's monotonic origin: ticks are stamped on one clock mapping.
    private let unixAtOriginNanoseconds: Int64
    private let lock = NSLock()
    /// The latest finite value committed to the buffer per channel (counters never below it).
    private var exposed: [Double]
    private var exposedTimeUnixNanoseconds: Int64 = 0
    /// Unreadable readings of the node energy channels (guarded by `lock`), for `/metrics`.
    private var unreadable = AgentUnreadableCounters()
    private var sampler: Sampler?
    /// Per-pod CPU from the cgroup tree for `/metrics` and `/pods`, its scans stored in the
    /// buffer at the scan interval; nil when the agent does not look for pods.
    public let pods: AgentPodCPU?
    /// A test stand-in for a clock that is off (`AgentClockSkew`); nil: the system's clock.
    public let clockSkew: AgentClockSkew?
    private let originNanoseconds: Int64
    private let podLog: @Sendable (String) -> Void
    private let podLock = NSLock()
    /// The `/metrics` series (swift-prometheus), kept between scrapes.
    private let metricsRegistry = AgentMetricsRegistry()
    /// Monotonic time of the latest scan stored in the buffer.
    private var recordedScanNanoseconds: Int64 = .min
    /// Node energy shared among pods by CPU time at each stored scan (guarded by `podLock`),
    /// its totals kept in the buffer's counters under `podEnergyPrefix` across restarts.
    private var podEnergy: PodEnergySplit
    package static let podEnergyPrefix = "pod-energy-j:"
    /// The channels whose sum is the node's energy (ranked as in runs) and the busy-CPU channel.
    private let nodeEnergyIndices: [Int]
    private let busyIndex: Int?
    /// What `nodeEnergyIndices` are, for `/metrics` (e.g. "platform: rapl.psys").
    package let podEnergyBasis: String?
    /// Per-VM energy on a hypervisor (`--vms`); nil when the agent does not look for VMs.
    public let vms: AgentVMs?
    /// Where each guest's energy is handed in (`--vm-energy-dir`), and the meter it was split from.
    private let vmHandIn: VMEnergyHandIn?
    private let nodeEnergySelection: NodeEnergySelection?
    /// The last failure to write the VM energy tree (guarded by `podLock`), logged once per change.
    private var vmHandInFailure: String?

    public init(probes: [any Probe], buffer: AgentBuffer, intervalNanoseconds: Int64, pods: AgentPodCPU? = nil,
                vms: AgentVMs? = nil, vmHandIn: VMEnergyHandIn? = nil, clockSkew: AgentClockSkew? = nil,
                podLog: @escaping @Sendable (String) -> Void = { _ in }) throws {
        self.buffer = buffer
        self.pods = pods
        self.vms = vms
        self.vmHandIn = vms == nil ? nil : vmHandIn
        self.clockSkew = clockSkew
        self.podLog = podLog
        self.intervalNanoseconds = intervalNanoseconds
        let channels = probes.flatMap(\.channels)
        self.channels = channels
        names = channels.map(\.name)
        units = Dictionary(channels.map { ($0.name, $0.unit) }, uniquingKeysWith: { first, _ in first })
        descriptors = Dictionary(channels.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        polledNames = Set(probes.filter { $0 is any PolledProbe }.flatMap(\.channels).map(\.name))
        let stored = try buffer.lastCounters()
        podEnergy = PodEnergySplit(counters: stored, prefix: Self.podEnergyPrefix)
        vms?.restore(counters: stored)
        offsets = channels.map { $0.semantics == .counter ? stored[$0.name] ?? 0 : 0 }
        exposed = channels.map { $0.semantics == .counter ? stored[$0.name] ?? 0 : .nan }
        let selection = NodeEnergySelection.choose(from: channels)
        nodeEnergySelection = selection
        let names = channels.map(\.name)
        nodeEnergyIndices = selection?.channels.compactMap { names.firstIndex(of: $0) } ?? []
        busyIndex = names.firstIndex(of: "node.cpu.busy_seconds")
        podEnergyBasis = selection.map { "\($0.rank.rawValue): " + $0.channels.joined(separator: "+") }
        let origin = MonotonicClock.nowNanoseconds()
        originNanoseconds = origin
        unixAtOriginNanoseconds = MonotonicClock.unixNanoseconds() - (MonotonicClock.nowNanoseconds() - origin)
        sampler = Sampler(probes: probes, sourceIDs: channels.indices.map { Int64($0) }, sink: self,
                          intervalNanoseconds: intervalNanoseconds, originNanoseconds: origin,
                          flushIntervalNanoseconds: max(intervalNanoseconds, 100_000_000))
        try buffer.endOpenGaps(atUnixNanoseconds: stamp(unixAtOriginNanoseconds))
    }

    /// Starts sampling; the first tick is taken at once.
    public func start() { sampler?.start() }

    /// Takes a last tick, writes everything to the buffer and stops the probes.
    public func stop() { sampler?.stop() }

    /// Problems met while sampling or writing (probe errors, a full disk).
    public func problems() -> [String] { sampler?.problems() ?? [] }

    // MARK: SampleSink (the sampler's writer thread)

    /// A batch holds the tick channels, or one polled channel's readings at their own times
    /// (`Sampler`): rows are stored full width, NaN in the channels the batch does not carry.
    public func write(_ batch: SampleBatch) throws {
        let width = channels.count
        let columns = batch.sourceIDs.map { Int($0) }
        var values = [Double](repeating: .nan, count: batch.tickCount * width)
        var counters: [String: Double] = [:]
        for tick in 0..<batch.tickCount {
            for (k, j) in columns.enumerated() {
                var value = batch.values[tick * columns.count + k]
                if channels[j].semantics == .counter {
                    value += offsets[j]
                    if value.isFinite { counters[names[j]] = value }
                }
                values[tick * width + j] = value
            }
        }
        let times = batch.timesNanoseconds.map { stamp($0 + unixAtOriginNanoseconds) }
        // Why channels had no reading, opened or ended up to these ticks: stored with them.
        let gaps = (sampler?.takeChannelGapChanges() ?? []).map { change in
            AgentWire.Gap(source: change.channel, fromUnixNanoseconds: stamp(change.startNanoseconds + unixAtOriginNanoseconds),
                          toUnixNanoseconds: change.endNanoseconds.map { stamp($0 + unixAtOriginNanoseconds) },
                          reason: change.reason)
        }
        try buffer.append(names: names, timesUnixNanoseconds: times, values: values, counters: counters, gaps: gaps)
        guard let lastTime = times.last else {
            try recordPodScan(force: false)
            return try recordVMScan()
        }
        lock.withLock {
            for tick in 0..<batch.tickCount {
                for j in columns where values[tick * width + j].isFinite {
                    let value = values[tick * width + j]
                    exposed[j] = channels[j].semantics == .counter ? max(exposed[j], value) : value
                }
            }
            exposedTimeUnixNanoseconds = max(exposedTimeUnixNanoseconds, lastTime)
            unreadable.note(gaps: gaps)  // the causes of these ticks' unreadable readings, by category
            for tick in 0..<batch.tickCount {
                for j in columns where AgentMetrics.isNodeEnergy(channels[j]) {
                    unreadable.observe(channel: names[j], timeNanoseconds: times[tick], value: values[tick * width + j])
                }
            }
        }
        try recordPodScan(force: false)  // after the ticks are exposed: a failed pod write loses no tick
        try recordVMScan()
    }

    // MARK: Endpoints

    /// The values committed last: (unix ns of that tick, 0 before the first; one value per channel).
    public func current() -> (timeUnixNanoseconds: Int64, values: [Double]) {
        lock.withLock { (exposedTimeUnixNanoseconds, exposed) }
    }

    /// The Content-Type of `/metrics` (Prometheus text format 0.0.4).
    public static let metricsContentType = AgentMetricsRegistry.contentType

    /// `GET /metrics`.
    public func metricsText(version: String, log: (String) -> Void = { _ in }) -> String {
        // The values and the unreadable readings of one commit.
        let (now, unread) = lock.withLock { ((exposedTimeUnixNanoseconds, exposed), unreadable.totals) }
        return AgentMetrics.render(into: metricsRegistry, channels: channels, current: now, buffer: buffer,
                            samplerCPUSeconds: sampler?.ownCost().cpuSeconds ?? 0, version: version, unreadable: unread,
                            pods: pods?.current(log: log),
                            podEnergy: pods == nil || podEnergyBasis == nil ? nil
                                : (podLock.withLock { podEnergy }, podEnergyBasis ?? ""),
                            vms: podEnergyBasis == nil ? nil : vms?.snapshot(),
                            vmIdlePolicy: vms?.settings.idlePolicy.rawValue ?? "", vmHostMeter: nodeEnergySelection)
    }

    /// `GET /samples?from=&to=` as JSON (see `AgentSampleRange`).
    public func samplesJSON(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64, limit: Int) throws -> String {
        let range = try buffer.samples(fromUnixNanoseconds: from, toUnixNanoseconds: to, limit: limit)
        return try range.json(fromUnixNanoseconds: from, toUnixNanoseconds: to, units: units,
                          clockUnixNanoseconds: stamp(MonotonicClock.unixNanoseconds()),
                          clockMonotonicNanoseconds: MonotonicClock.nowNanoseconds(), descriptors: descriptors,
                          polled: polledNames, stalenessBoundsSeconds: sampler?.counterStaleness.boundsSeconds() ?? [:],
                          vms: podEnergyBasis.flatMap { basis in
                              vms?.wire(hostMeter: basis, accuracy: nodeEnergySelection.flatMap { selection in
                                  selection.relativeUncertainty.map { ($0, selection.uncertaintyBasis ?? selection.method) }
                              })
                          })
    }

    /// `GET /pods?from=&to=` as JSON (see `AgentPodScanRange`); nil when the agent does not look
    /// for pods. Asked about a time after the latest stored scan, it scans now first, so a
    /// controller reading a window that just ended gets a scan past its end.
    public func podsJSON(fromUnixNanoseconds from: Int64, toUnixNanoseconds to: Int64, limit: Int) throws -> String? {
        guard let pods else { return nil }
        if try (buffer.lastPodScanUnixNanoseconds() ?? .min) < to { try recordPodScan(force: true) }
        let range = try buffer.podScans(fromUnixNanoseconds: from, toUnixNanoseconds: to, limit: limit)
        return try range.json(fromUnixNanoseconds: from, toUnixNanoseconds: to, scanIntervalNanoseconds: pods.intervalNanoseconds,
                          clockUnixNanoseconds: stamp(MonotonicClock.unixNanoseconds()),
                          clockMonotonicNanoseconds: MonotonicClock.nowNanoseconds())
    }

    /// Takes a pod scan when one is due (or `force`) and stores it unless it is stored already;
    /// stamped on the ticks' clock mapping (unix time of the sampler's origin + monotonic).
    package func recordPodScan(force: Bool) throws {
        guard let pods else { return }
        try podLock.withLock {
            let scan = pods.latest(force: force, log: podLog)
            guard scan.monotonicNanoseconds > recordedScanNanoseconds else { return }
            try buffer.appendPodScan(timeUnixNanoseconds: stamp(unixAtOriginNanoseconds + scan.monotonicNanoseconds - originNanoseconds),
                                     pods: scan.pods)
            recordedScanNanoseconds = scan.monotonicNanoseconds
            let values = current().values
            if !nodeEnergyIndices.isEmpty, let busyIndex {
                podEnergy.add(.init(nodeEnergyJoules: nodeEnergyIndices.reduce(0) { $0 + values[$1] },
                                    nodeBusyCPUSeconds: values[busyIndex],
                                    podCPUSeconds: Dictionary(scan.pods.map { ($0.podUID, $0.cpuSeconds) },
                                                              uniquingKeysWith: { first, _ in first })))
                try buffer.replaceCounters(prefix: Self.podEnergyPrefix,
                                           with: podEnergy.counters(prefix: Self.podEnergyPrefix,
                                                                    keep: Set(scan.pods.map(\.podUID))))
            }
        }
    }

    /// Splits the node energy of the latest committed tick between the VMs when a VM scan is due
    /// (`AgentVMs`) and stores the totals as buffer counters.
    package func recordVMScan() throws {
        guard let vms, !nodeEnergyIndices.isEmpty else { return }
        let (time, values) = current()
        let energy = nodeEnergyIndices.reduce(0) { $0 + values[$1] }
        guard time > 0, energy.isFinite,
              let counters = vms.record(nodeEnergyJoules: energy, timeUnixNanoseconds: time, log: podLog) else { return }
        try buffer.replaceCounters(prefix: AgentVMs.counterPrefix, with: counters)
        guard let vmHandIn, let nodeEnergySelection else { return }
        // The tree is a by-product for the guests: a failure to write it is logged, never stops sampling.
        var failure: String?
        do {
            try vmHandIn.write(vms.snapshot(), idlePolicy: vms.settings.idlePolicy.rawValue, hostMeter: nodeEnergySelection)
        } catch {
            failure = "VM energy tree \(vmHandIn.tree.directory): \(error)"
        }
        let changed = podLock.withLock {
            defer { vmHandInFailure = failure }
            return vmHandInFailure != failure
        }
        if changed, let failure { podLog(failure) }
    }

    /// `GET /clock` on this agent's clock (skewed when a test asked for it).
    public func clockJSON() throws -> String {
        let monotonic = MonotonicClock.nowNanoseconds()
        let unix = stamp(MonotonicClock.unixNanoseconds())
        return try AgentWire.body(AgentWire.Clock(unixNanoseconds: unix, monotonicNanoseconds: monotonic))
    }

    /// A true unix time as this agent's clock reads it.
    private func stamp(_ unixNanoseconds: Int64) -> Int64 { clockSkew?.agentTime(unixNanoseconds) ?? unixNanoseconds }
}
