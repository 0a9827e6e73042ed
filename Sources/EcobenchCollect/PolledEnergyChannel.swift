/// The state of one background-polled energy channel: a joule counter fed either by a power
/// reading (trapezoid between consecutive new readings) or by a cumulative energy reading (its
/// increase since the first poll), the gaps, and the counter's value at each new reading, kept
/// with the time the reading was taken so that it is stored there (not at a sampler tick).
///
/// Repeated readings are not new readings: a BMC refreshes its value every 1–10 s whatever the
/// poll rate. A reading is new when its BMC timestamp changed (where the BMC gives one, e.g.
/// DCMI "IPMI timestamp"), else when its value changed, or once a refresh period has passed
/// since the last new one (the refresh stated, or learned as the shortest time between value
/// changes once `changesToLearnRefresh` changes were seen; until then every reading is new).
///
/// Gaps (failed polls): the counter keeps its value while the source is silent; at the next
/// good reading the power is interpolated across the gap (trapezoid), the one gap rule of
/// `WindowIntegrator`, whose uncertainty carries the gap's share.
///
/// Not thread-safe on its own; the owning probe guards it with its lock.
package struct PolledEnergyChannel: Sendable {
    package enum Input: Sendable, Equatable {
        /// Instantaneous power in W: ΔE = (P₁ + P₂) / 2 · Δt between new readings.
        case powerWatts
        /// A cumulative energy reading, converted to J by `joulesPerUnit` (kWh: 3.6e6).
        case cumulativeEnergy(joulesPerUnit: Double)
    }

    /// Value changes seen before the shortest time between them is taken as the refresh period.
    package static let changesToLearnRefresh = 5

    package let name: String
    package let input: Input
    /// The reading's refresh period stated by the user (s); nil: learned from the data.
    package let statedRefreshSeconds: Double?
    package private(set) var energyJoules: Double = 0
    package private(set) var closedGaps: [PolledEnergyGap] = []
    package private(set) var openGap: PolledEnergyGap?
    package private(set) var lastError: String?
    package private(set) var goodPolls = 0
    /// Good polls that repeated the last reading (same value and BMC timestamp): not integrated.
    package private(set) var repeatedPolls = 0
    /// (time of the reading, counter in J) for every new reading not yet taken by `drain()`.
    package private(set) var pending: [(seconds: Double, joules: Double)] = []
    private var last: (seconds: Double, value: Double, stamp: String?)?
    private var lastPollSeconds: Double?
    private var lastChangeSeconds: Double?
    private var changes = 0
    private var shortestChangeSeconds = Double.infinity

    /// Whether new readings wait in `pending` for `drain()`: a channel read on the sampler's own
    /// tick (NVML power) is stored at the tick and keeps none, so nothing piles up.
    package let keepsReadings: Bool

    package init(name: String, input: Input, statedRefreshSeconds: Double? = nil, keepsReadings: Bool = true) {
        self.name = name
        self.input = input
        self.statedRefreshSeconds = statedRefreshSeconds
        self.keepsReadings = keepsReadings
    }

    /// All gaps, the open one (if any) last.
    package var gaps: [PolledEnergyGap] { closedGaps + (openGap.map { [$0] } ?? []) }

    /// The refresh period in force: stated, else learned, else nil (every reading is new).
    package var refreshSeconds: Double? {
        statedRefreshSeconds ?? (changes >= Self.changesToLearnRefresh ? shortestChangeSeconds : nil)
    }

    /// Takes the new readings recorded since the last call.
    package mutating func drain() -> [(seconds: Double, joules: Double)] {
        defer { pending.removeAll() }
        return pending
    }

    /// Adds a good reading taken at `seconds`, with the BMC's own timestamp where it gives one.
    package mutating func record(value: Double, bmcTimestamp: String? = nil, atSeconds seconds: Double) {
        if var gap = openGap {
            gap.endSeconds = seconds
            closedGaps.append(gap)
            openGap = nil
        }
        goodPolls += 1
        lastPollSeconds = seconds
        guard let previous = last else {
            accept(value, bmcTimestamp, at: seconds)
            return
        }
        let changed = value != previous.value || (bmcTimestamp != nil && bmcTimestamp != previous.stamp)
        if changed {
            if let since = lastChangeSeconds { shortestChangeSeconds = min(shortestChangeSeconds, seconds - since) }
            lastChangeSeconds = seconds
            changes += 1
        }
        // With BMC timestamps a repeat is exactly a repeated stamp; without, a refresh period
        // must have passed before an unchanged value counts as a new reading of that value.
        let confirmed = bmcTimestamp == nil && (refreshSeconds.map { seconds - previous.seconds >= $0 } ?? true)
        guard changed || confirmed else {
            repeatedPolls += 1
            return
        }
        accept(value, bmcTimestamp, at: seconds)
    }

    /// At the end of polling: the last reading held until the last good poll (power only).
    package mutating func close() {
        guard input == .powerWatts, let previous = last, let poll = lastPollSeconds, poll > previous.seconds,
              openGap == nil else { return }
        accept(previous.value, previous.stamp, at: poll)
    }

    /// Records a failed poll at `seconds`: the counter keeps its value until the next good one.
    package mutating func fail(reason: String, atSeconds seconds: Double) {
        lastError = reason
        if openGap != nil {
            openGap?.failedPolls += 1
            return
        }
        openGap = PolledEnergyGap(channel: name, startSeconds: lastPollSeconds ?? seconds,
                                  endSeconds: nil, reason: reason)
    }

    private mutating func accept(_ value: Double, _ stamp: String?, at seconds: Double) {
        if let previous = last {
            switch input {
            case .powerWatts:
                let dt = seconds - previous.seconds
                if dt > 0 { energyJoules += (previous.value + value) / 2 * dt }
            case .cumulativeEnergy(let joulesPerUnit):
                // The meter kept counting through any gap of ours, so its increase is measured
                // energy. A decrease means the meter was reset: start again from the new value.
                let delta = value - previous.value
                if delta > 0 { energyJoules += delta * joulesPerUnit }
            }
        }
        last = (seconds, value, stamp)
        if keepsReadings { pending.append((seconds, energyJoules)) }
    }
}
