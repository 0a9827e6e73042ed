import Foundation

/// Energy counters from a BMC's Redfish service, polled on a background thread (default every
/// 1 s: BMCs refresh about once a second) so that `read(into:)` on the sampler's thread only
/// copies the latest values and never waits on the network.
///
/// Each new reading is kept with the time it was taken (`drainReadings()`, stored there by the
/// sampler); a repeated reading is not a new one (`PolledEnergyChannel`). A failed poll
/// (timeout, 401, malformed JSON, null reading) leaves the channel at its last value and opens a
/// gap (`gaps`); the next reading interpolates the power across it. See
/// `RedfishChannelPlan` for the channel names and which reading feeds each.
public final class RedfishProbe: Probe, @unchecked Sendable {
    // Safety: `states` is guarded by `lock`; `poller` is set once in init and only stopped after.
    public let channels: [SourceDescriptor]
    /// The reading behind each channel, aligned with `channels`.
    public let sources: [RedfishReading]
    /// Everything discovery found, and what it skipped.
    public let discovery: RedfishDiscovery.Result
    public let client: RedfishClient
    public let pollIntervalSeconds: Double
    private let plan: [RedfishChannelPlan.Entry]
    private let clock: @Sendable () -> Double
    private let lock = NSLock()
    private var states: [PolledEnergyChannel]
    private var poller: PolledEnergyPoller?
    private var stopped = false  // guarded by `lock`

    /// Connects (session login for `.session` credentials), discovers and starts polling.
    public convenience init(url: URL, credentials: RedfishCredentials?, verifyTLS: Bool = true,
                            caCertificatePEM: String? = nil, timeoutSeconds: Double = 2,
                            pollIntervalSeconds: Double = 1, referenceSeconds: Double? = nil,
                            refreshSeconds: Double? = nil) throws {
        let client = try RedfishClient(url: url, credentials: credentials, timeoutSeconds: timeoutSeconds,
                                       verifyTLS: verifyTLS, caCertificatePEM: caCertificatePEM)
        do {
            try client.openSession()
            let result = try RedfishDiscovery(client: client, referenceSeconds: referenceSeconds).discover()
            try self.init(client: client, discovery: result, pollIntervalSeconds: pollIntervalSeconds,
                          refreshSeconds: refreshSeconds)
        } catch {
            client.close()
            throw error
        }
    }

    /// Builds the channels from a discovery result; polls once now (the counters' zero) and
    /// then every `pollIntervalSeconds` in the background. `refreshSeconds`: how often the BMC
    /// refreshes its readings, where known (nil: learned from the data, see `PolledEnergyChannel`).
    public convenience init(client: RedfishClient, discovery: RedfishDiscovery.Result,
                            pollIntervalSeconds: Double = 1, refreshSeconds: Double? = nil) throws {
        try self.init(client: client, discovery: discovery, pollIntervalSeconds: pollIntervalSeconds,
                      refreshSeconds: refreshSeconds, clock: PolledEnergyPoller.monotonicSeconds, startPolling: true)
    }

    /// Tests: an injected clock, and `startPolling: false` to drive `pollNow()` by hand.
    package init(client: RedfishClient, discovery: RedfishDiscovery.Result, pollIntervalSeconds: Double,
                 refreshSeconds: Double? = nil, clock: @escaping @Sendable () -> Double, startPolling: Bool) throws {
        plan = RedfishChannelPlan.entries(for: discovery.readings, client: client,
                                          pollIntervalSeconds: pollIntervalSeconds,
                                          referenceSeconds: discovery.referenceSeconds)
        guard !plan.isEmpty else {
            throw RedfishError.noPowerReadings(url: client.urlString("/redfish/v1"))
        }
        channels = plan.map(\.descriptor)
        sources = plan.map(\.reading)
        self.discovery = discovery
        self.client = client
        self.pollIntervalSeconds = pollIntervalSeconds
        self.clock = clock
        states = plan.map {
            PolledEnergyChannel(name: $0.descriptor.name, input: $0.input, statedRefreshSeconds: refreshSeconds)
        }
        guard startPolling else { return }
        pollNow()
        let poller = PolledEnergyPoller(name: "ecobench.redfish.\(client.hostLabel)",
                                        intervalSeconds: pollIntervalSeconds) { [weak self] in self?.pollNow() }
        self.poller = poller
        poller.start()
    }

    deinit {
        poller?.stop(waitSeconds: 0)
        client.close()
    }

    public func read(into values: UnsafeMutableBufferPointer<Double>) throws {
        lock.withLock {
            for index in states.indices where index < values.count {
                values[index] = states[index].energyJoules
            }
        }
    }

    /// Every gap so far, per channel (open gaps have no end yet).
    public var gaps: [PolledEnergyGap] { lock.withLock { states.flatMap(\.gaps) } }

    /// The latest error per channel name (nil once a channel never failed).
    public var lastErrors: [String: String] {
        lock.withLock {
            Dictionary(uniqueKeysWithValues: states.compactMap { state in state.lastError.map { (state.name, $0) } })
        }
    }

    public func drainReadings() -> [PolledReading] {
        lock.withLock {
            states.indices.flatMap { index in
                states[index].drain().map { PolledReading(channel: index, seconds: $0.seconds, value: $0.joules) }
            }
        }
    }

    /// Stops polling after one last poll (a reading after the run's last edge) and ends the
    /// Redfish session. Counters keep their last values.
    public func stop() {
        poller?.stop()
        let first = lock.withLock {
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        if poller != nil { pollNow() }
        lock.withLock { for index in states.indices { states[index].close() } }
        client.close()
    }

    /// One poll of every resource behind a channel (each resource fetched once).
    package func pollNow() {
        var byResource: [String: [Int]] = [:]
        var order: [String] = []
        for (index, entry) in plan.enumerated() {
            if byResource[entry.reading.resourceURI] == nil { order.append(entry.reading.resourceURI) }
            byResource[entry.reading.resourceURI, default: []].append(index)
        }
        for resource in order {
            let indices = byResource[resource] ?? []
            let started = clock()
            let outcome = Result { try client.getJSON(resource) }
            let seconds = (started + clock()) / 2
            let url = client.urlString(resource)
            lock.withLock {
                for index in indices {
                    do {
                        let json = try outcome.get()
                        let pointer = plan[index].reading.jsonPointer
                        let value = try RedfishJSON.number(at: pointer, in: json, url: url)
                        states[index].record(value: value,
                                             bmcTimestamp: RedfishJSON.readingTime(besideValueAt: pointer, in: json),
                                             atSeconds: seconds)
                    } catch {
                        states[index].fail(reason: String(describing: error), atSeconds: seconds)
                    }
                }
            }
        }
    }
}
