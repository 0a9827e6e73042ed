import Foundation

/// Reads every probe at a fixed interval on its own thread, on absolute deadlines of the
/// monotonic clock (so intervals do not drift), and hands ticks to a writer thread that flushes
/// them to the sink about once a second (so a slow disk never delays a tick).
///
/// A polled probe's channels (`PolledProbe`: Redfish, IPMI) are not stored at the ticks: each of
/// their readings is stored at the time it was taken (`drainReadings()`), so a phase's energy is
/// the counter's growth between readings interpolated at the phase's edges.
public final class Sampler: @unchecked Sendable {
    public let channels: [SourceDescriptor]
    public let intervalNanoseconds: Int64
    /// Monotonic time (ns) that sample timestamps are relative to: the run's start.
    public let originNanoseconds: Int64
    private let probes: [any Probe]
    private let offsets: [Int]
    private let sourceIDs: [Int64]
    /// The channels stored at the ticks (all but the polled probes' ones).
    private let tickColumns: [Int]
    /// Polled readings not yet written: (column, ns since origin, value).
    private var pendingReadings: [(column: Int, timeNanoseconds: Int64, value: Double)] = []
    private let sink: any SampleSink
    private let flushIntervalNanoseconds: Int64
    /// Run the sampling thread under SCHED_FIFO (root only; ignored otherwise), so other
    /// processes' load cannot delay a tick: for kHz rates on a busy machine.
    public let realtimePriority: Bool

    private let state = MonotonicCondition()
    private var pending: SampleBatch
    private var stopping = false
    /// Extra ticks asked for by `tickNow()` (phase boundaries), and how many were taken.
    private var requestedTicks = 0
    private var servedTicks = 0
    private var samplerDone = false
    private var writerDone = false
    private var latestTime: Int64 = -1
    private var latestValues: [Double]
    private var failures: [String] = []
    /// Why tick channels had no reading: closed stretches, and the open ones at the end.
    private var causes = ChannelCauseLog()
    private var ticks = 0
    /// How stale a stepped counter's tick reading can be (waits before boundary and timing ticks).
    public let counterStaleness = CounterStaleness()
    private var samplerThreadCPUSeconds = 0.0
    private var writerThreadCPUSeconds = 0.0

    public init(probes: [any Probe], sourceIDs: [Int64], sink: any SampleSink,
                intervalNanoseconds: Int64, originNanoseconds: Int64,
                flushIntervalNanoseconds: Int64 = 1_000_000_000, realtimePriority: Bool = false) {
        self.realtimePriority = realtimePriority
        self.probes = probes
        var offsets: [Int] = []
        var channels: [SourceDescriptor] = []
        for probe in probes {
            offsets.append(channels.count)
            channels.append(contentsOf: probe.channels)
        }
        self.offsets = offsets
        self.channels = channels
        self.sourceIDs = sourceIDs
        var tickColumns: [Int] = []
        for (index, probe) in probes.enumerated() where !(probe is any PolledProbe) {
            tickColumns += Array(offsets[index]..<(offsets[index] + probe.channels.count))
        }
        self.tickColumns = tickColumns
        self.sink = sink
        self.intervalNanoseconds = intervalNanoseconds
        self.originNanoseconds = originNanoseconds
        self.flushIntervalNanoseconds = flushIntervalNanoseconds
        self.pending = SampleBatch(sourceIDs: tickColumns.map { sourceIDs[$0] })
        self.latestValues = Array(repeating: .nan, count: channels.count)
    }

    public func start() {
        let sampler = Thread { [self] in samplingLoop() }
        sampler.name = "ecobench-sampler"
        sampler.qualityOfService = .userInteractive
        sampler.start()
        let writer = Thread { [self] in writerLoop() }
        writer.name = "ecobench-writer"
        writer.start()
    }

    /// Stops the probes that poll on their own threads (each polls once more, so a reading
    /// follows the last phase's end), then sampling after one last tick; returns once written.
    public func stop() {
        for case let polled as any PolledProbe in probes { polled.stop() }
        state.lock()
        stopping = true
        state.broadcast()
        while !(samplerDone && writerDone) { state.wait() }
        state.unlock()
    }

    /// Gaps of the polled probes (BMC or ipmitool not answering), on the run's clock (ns).
    public func polledGaps() -> [(channel: String, startNanoseconds: Int64, endNanoseconds: Int64?, reason: String)] {
        probes.compactMap { $0 as? any PolledProbe }.flatMap(\.gaps).map { gap in
            (gap.channel, Int64(gap.startSeconds * 1e9) - originNanoseconds,
             gap.endSeconds.map { Int64($0 * 1e9) - originNanoseconds }, gap.reason)
        }
    }

    /// Why tick channels had no reading (the probes' `ReadingFailure`s, or a probe's error), on
    /// the run's clock (ns): from the first NaN tick to the next good one (nil: not before the end).
    /// A channel whose cause changed mid-stretch has one entry per cause.
    public func channelGaps() -> [(channel: String, startNanoseconds: Int64, endNanoseconds: Int64?, reason: String)] {
        state.withLock { causes.gaps }.map { (channels[$0.column].name, $0.startNanoseconds, $0.endNanoseconds, $0.reason) }
    }

    /// For a sampler that runs without end (the agent): the entries of `channelGaps()` opened or
    /// ended since the last call (an open one once with a nil end, again when it ends); the ended
    /// ones are then forgotten, so the log stays bounded by the open ones (`ChannelCauseLog.takeChanges`).
    package func takeChannelGapChanges() -> [(channel: String, startNanoseconds: Int64, endNanoseconds: Int64?, reason: String)] {
        state.withLock { causes.takeChanges() }
            .map { (channels[$0.column].name, $0.startNanoseconds, $0.endNanoseconds, $0.reason) }
    }

    /// Takes a tick now, outside the schedule, and returns its time since the origin (ns).
    /// Phase boundaries use it, so every counter has a sample exactly at each boundary and
    /// no energy or CPU time is interpolated across one. Returns nil when the sampler is not running.
    public func tickNow() -> (timeNanoseconds: Int64, values: [Double])? {
        state.lock()
        defer { state.unlock() }
        guard !stopping, !samplerDone else { return nil }
        requestedTicks += 1
        let ticket = requestedTicks
        state.broadcast()
        while servedTicks < ticket && !samplerDone { state.wait() }
        return servedTicks >= ticket ? (latestTime, latestValues) : nil
    }

    /// The latest tick: time since origin (ns, -1 before the first) and values per channel.
    public func latest() -> (timeNanoseconds: Int64, values: [Double]) {
        state.lock()
        defer { state.unlock() }
        return (latestTime, latestValues)
    }

    /// Problems met while sampling or writing (probe errors, a full disk), oldest first.
    public func problems() -> [String] {
        state.lock()
        defer { state.unlock() }
        return failures
    }

    /// True when writing to the sink failed: samples are no longer stored, the run must stop.
    public var writeFailed: Bool {
        state.lock()
        defer { state.unlock() }
        return failures.contains { $0.hasPrefix("store:") }
    }

    /// Ticks taken and CPU seconds the sampling thread used (its own cost).
    public func ownCost() -> (ticks: Int, cpuSeconds: Double) {
        state.lock()
        defer { state.unlock() }
        return (ticks, samplerThreadCPUSeconds)
    }

    /// Ticks, and CPU seconds of the sampling and the writer thread (CLOCK_THREAD_CPUTIME_ID).
    public func threadCosts() -> (ticks: Int, samplerCPUSeconds: Double, writerCPUSeconds: Double) {
        state.withLock { (ticks, samplerThreadCPUSeconds, writerThreadCPUSeconds) }
    }

    private func samplingLoop() {
        if realtimePriority {
            var param = sched_param()
            param.sched_priority = 10  // low among real-time threads; the kernel keeps 5 % for others
            if pthread_setschedparam(pthread_self(), SCHED_FIFO, &param) != 0 {
                record(problem: "sampler: real-time priority refused (not root?); sampling at normal priority")
            }
        }
        var row = [Double](repeating: .nan, count: channels.count)
        var tickRow = [Double](repeating: .nan, count: tickColumns.count)
        let polledProbes = probes.enumerated().compactMap { index, probe in
            (probe as? any PolledProbe).map { (offset: offsets[index], probe: $0) }
        }
        var deadline = MonotonicClock.nowNanoseconds()
        var lastProblem: [Int: String] = [:]
        // The tick probes (polled ones keep their own gaps), with the ones that can say why.
        let tickProbes = probes.indices.filter { !(probes[$0] is any PolledProbe) }.map {
            (index: $0, columns: offsets[$0]..<(offsets[$0] + probes[$0].channels.count),
             reporter: probes[$0] as? any ChannelFailureReporting)
        }
        var thrown: [Int: String] = [:]  // probe index → its error this tick
        while true {
            state.lock()
            // Only requests made before this tick's reads are served by it: one made while the
            // probes are being read is served by the next tick, taken at once and prepared for.
            let requested = requestedTicks
            let boundary = requested > servedTicks
            state.unlock()
            if boundary {
                for case let aware as any BoundaryAwareProbe in probes { aware.prepareForBoundaryTick() }
            }
            // Last before the time stamp: a boundary's stepped counters read just after their
            // update, and about once a second a wait that bounds how stale a tick's reading can be.
            counterStaleness.waitForUpdates(of: probes, boundary: boundary, now: MonotonicClock.nowNanoseconds())
            let now = MonotonicClock.nowNanoseconds()
            row.withUnsafeMutableBufferPointer { buffer in
                for (index, probe) in probes.enumerated() {
                    let slice = UnsafeMutableBufferPointer(rebasing: buffer[offsets[index]..<(offsets[index] + probe.channels.count)])
                    do {
                        try probe.read(into: slice)
                        lastProblem[index] = nil
                    } catch {
                        for i in slice.indices { slice[i] = .nan }
                        thrown[index] = "\(error)"
                        let message = "probe: \(error)"
                        if lastProblem[index] != message {
                            lastProblem[index] = message
                            record(problem: message)
                        }
                    }
                }
            }
            noteCauses(row: row, at: now - originNanoseconds, tickProbes: tickProbes, thrown: &thrown)
            let readings = polledProbes.flatMap { polled in
                polled.probe.drainReadings().map {
                    (column: polled.offset + $0.channel,
                     timeNanoseconds: Int64(($0.seconds * 1e9).rounded()) - originNanoseconds, value: $0.value)
                }
            }
            if tickColumns.count != row.count {
                for (k, column) in tickColumns.enumerated() { tickRow[k] = row[column] }
            }
            let cpu = Sampler.threadCPUSeconds()
            state.lock()
            pendingReadings += readings
            let forced = requested > servedTicks
            servedTicks = requested
            let t = now - originNanoseconds
            if tickColumns.count == row.count {
                row.withUnsafeBufferPointer { pending.append(timeNanoseconds: t, values: $0) }
            } else if !tickColumns.isEmpty {
                tickRow.withUnsafeBufferPointer { pending.append(timeNanoseconds: t, values: $0) }
            }
            latestTime = t
            // In place: no new array per tick (a copy happens only while a reader holds the old one).
            for i in row.indices { latestValues[i] = row[i] }
            ticks += 1
            samplerThreadCPUSeconds = cpu
            let stop = stopping
            // Wake only tickNow() callers (a forced tick): a broadcast every tick would also wake
            // the writer thread every tick, a context switch per tick for nothing.
            if forced || stop { state.broadcast() }
            state.unlock()
            if stop { break }
            if forced && deadline > now {
                // An extra tick between two scheduled ones: keep the schedule as it was.
                sleepUntil(deadline)
                continue
            }
            deadline += intervalNanoseconds
            let after = MonotonicClock.nowNanoseconds()
            if deadline < after {  // fell behind (suspended VM, overload): skip missed ticks, never burst
                deadline = after + intervalNanoseconds - (after - deadline) % intervalNanoseconds
            }
            sleepUntil(deadline)
        }
        state.lock()
        causes.closeAll()
        samplerDone = true
        state.broadcast()
        state.unlock()
    }

    /// Opens, changes and closes the channels' gap causes after a tick's reads (sampler thread).
    /// Costs a scan for NaN per tick; the lock is taken only when a cause starts, changes or ends.
    private func noteCauses(row: [Double], at t: Int64,
                            tickProbes: [(index: Int, columns: Range<Int>, reporter: (any ChannelFailureReporting)?)],
                            thrown: inout [Int: String]) {
        var changes: [(column: Int, reason: String?)] = []
        for (index, columns, reporter) in tickProbes {
            let error = thrown.isEmpty ? nil : thrown.removeValue(forKey: index)
            for column in columns {
                let k = column - columns.lowerBound
                guard row[column].isNaN else {
                    if causes.isOpen(column) { changes.append((column, nil)) }
                    continue
                }
                guard let reason = error ?? reporter?.failure(channel: k)?.description else { continue }
                if causes.openReason(column) != reason { changes.append((column, reason)) }
            }
        }
        guard !changes.isEmpty else { return }
        let dropped = state.withLock {
            for change in changes { causes.note(column: change.column, reason: change.reason, at: t) }
            return causes.takeDroppedWarning()
        }
        if dropped { record(problem: "sampler: more than \(ChannelCauseLog.limit) gap causes; later ones are not stored") }
    }

    /// Sleeps until `deadline`, waking early when asked to stop (to take the last tick now).
    private func sleepUntil(_ deadline: Int64) {
        state.lock()
        defer { state.unlock() }
        while !stopping && requestedTicks == servedTicks {
            let remaining = deadline - MonotonicClock.nowNanoseconds()
            if remaining <= 0 { return }
            // One wait on the monotonic clock: a single wakeup per tick, cut short by stop/tickNow.
            state.wait(untilMonotonicNanoseconds: deadline)
        }
    }

    private func writerLoop() {
        var batch = SampleBatch(sourceIDs: tickColumns.map { sourceIDs[$0] })
        var readings: [(column: Int, timeNanoseconds: Int64, value: Double)] = []
        while true {
            state.lock()
            let flushAt = MonotonicClock.nowNanoseconds() + flushIntervalNanoseconds
            while !samplerDone && MonotonicClock.nowNanoseconds() < flushAt {
                state.wait(untilMonotonicNanoseconds: flushAt)
            }
            swap(&batch, &pending)
            swap(&readings, &pendingReadings)
            let finished = samplerDone
            state.unlock()
            do {
                try sink.write(batch)
                for polled in Self.batches(readings, sourceIDs: sourceIDs) { try sink.write(polled) }
            } catch {
                record(problem: "store: \(error)")
            }
            batch.removeAll()
            readings.removeAll(keepingCapacity: true)
            let cpu = Sampler.threadCPUSeconds()
            state.lock()
            writerThreadCPUSeconds = cpu
            state.unlock()
            if finished { break }
        }
        state.lock()
        writerDone = true
        state.broadcast()
        state.unlock()
    }

    /// One batch per polled channel: its readings at their own times, oldest first.
    package static func batches(_ readings: [(column: Int, timeNanoseconds: Int64, value: Double)],
                                sourceIDs: [Int64]) -> [SampleBatch] {
        Dictionary(grouping: readings, by: \.column).sorted { $0.key < $1.key }.map { column, list in
            var batch = SampleBatch(sourceIDs: [sourceIDs[column]])
            for reading in list.sorted(by: { $0.timeNanoseconds < $1.timeNanoseconds }) {
                batch.timesNanoseconds.append(reading.timeNanoseconds)
                batch.values.append(reading.value)
            }
            return batch
        }
    }

    private func record(problem: String) {
        state.withLock { if failures.count < 100 { failures.append(problem) } }
    }

    package static func threadCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
