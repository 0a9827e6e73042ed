/// The state of one background-polled energy channel: a joule counter fed either by a power
/// reading (integrated with the trapezoid rule between consecutive good polls) or by a
/// cumulative energy reading (its increase since the first poll), plus the gaps.
///
/// Not thread-safe on its own; the owning probe guards it with its lock.
struct PolledEnergyChannel: Sendable {
    enum Input: Sendable, Equatable {
        /// Instantaneous power in W: ΔE = (P₁ + P₂) / 2 · Δt, never across a gap.
        case powerWatts
        /// A cumulative energy reading, converted to J by `joulesPerUnit` (kWh: 3.6e6).
        case cumulativeEnergy(joulesPerUnit: Double)
    }

    let name: String
    let input: Input
    private(set) var energyJoules: Double = 0
    private(set) var closedGaps: [PolledEnergyGap] = []
    private(set) var openGap: PolledEnergyGap?
    private(set) var lastError: String?
    private(set) var goodPolls = 0
    private var last: (seconds: Double, value: Double)?

    init(name: String, input: Input) {
        self.name = name
        self.input = input
    }

    /// All gaps, the open one (if any) last.
    var gaps: [PolledEnergyGap] { closedGaps + (openGap.map { [$0] } ?? []) }

    /// Adds a good reading taken at `seconds`.
    mutating func record(value: Double, atSeconds seconds: Double) {
        if var gap = openGap {
            gap.endSeconds = seconds
            closedGaps.append(gap)
            openGap = nil
        }
        goodPolls += 1
        defer { last = (seconds, value) }
        guard let previous = last else { return }
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

    /// Records a failed poll at `seconds`: the counter keeps its value, power integration
    /// restarts at the next good reading.
    mutating func fail(reason: String, atSeconds seconds: Double) {
        lastError = reason
        if openGap != nil {
            openGap?.failedPolls += 1
            return
        }
        openGap = PolledEnergyGap(channel: name, startSeconds: last?.seconds ?? seconds,
                                  endSeconds: nil, reason: reason)
        if input == .powerWatts { last = nil }
    }
}
