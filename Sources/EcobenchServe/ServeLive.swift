import Foundation
import EcobenchCollect
import EcobenchModel
import EcobenchReport
import EcobenchStore

/// `/runs/{id}/live.json`: where a run stands (status, current phase, seconds since it started)
/// and the power of each of its energy counters over the last `windowS` seconds, read from the
/// stored samples as they are flushed (ΔE/Δt bucketed by `HTMLDownsampler`, the report chart's
/// one implementation). Works while the run writes; no report is built.
package struct ServeLive: Codable, Sendable {
    package struct Series: Codable, Sendable {
        package var source: String
        /// measured or estimated, as the source is labelled.
        package var kind: SourceKind
        package var role: EnergyRole?
        /// (seconds since the run started, mean watts over the bucket or null where no sample covers it)
        package var points: [Point]
    }

    package struct Point: Codable, Sendable {
        package var tS: Double
        package var watts: Double?
    }

    package var runId: Int64
    package var status: RunStatus
    /// The phase open now (or the last one of a finished run), with its repetition.
    package var phase: String?
    package var repetition: Int?
    package var phasesCompleted: Int
    /// Running: wall-clock seconds since the run's clock start; otherwise to the last phase's end.
    package var elapsedS: Double
    /// Running: the planned seconds still to go (`remainingSeconds`); nil otherwise, or when the
    /// run's settings cannot be read.
    package var remainingS: Double?
    package var windowS: Double
    package var power: [Series]

    package static let windowS = 30.0

    /// The live state of run `id`; nil when there is no such run. `nowUnixNanoseconds` is the server's clock.
    package static func read(store: RunStore, runID id: Int64, nowUnixNanoseconds: Int64) throws -> ServeLive? {
        guard let record = try store.run(id: id) else { return nil }
        let phases = try store.phases(runID: id)
        let open = phases.last { $0.endNanoseconds == nil } ?? phases.last
        let lastEnd = phases.compactMap(\.endNanoseconds).max() ?? 0
        let elapsedNanoseconds = record.status == .running
            ? max(0, nowUnixNanoseconds - record.run.clockStartUnixNanoseconds) : lastEnd
        let endS = Double(elapsedNanoseconds) / 1e9
        let startS = max(0, endS - windowS)
        var series: [Series] = []
        for source in try store.sources(runID: id)
        where source.descriptor.unit == "J" && source.descriptor.semantics == .counter && source.descriptor.energyRole != nil {
            var sampler = HTMLDownsampler(startS: startS, endS: endS, maxPoints: Int(windowS),
                                          samplingIntervalS: Double(record.run.intervalNanoseconds) / 1e9)
            var previous: (t: Double, value: Double)?
            try store.forEachSample(sourceID: source.id, from: Int64(startS * 1e9) - record.run.intervalNanoseconds) { t, value in
                guard value.isFinite else { previous = nil; return }
                let current = (t: Double(t) / 1e9, value: value)
                if let previous { sampler.addCounter(from: previous, to: current) }
                previous = current
            }
            series.append(Series(source: source.descriptor.name, kind: source.descriptor.kind, role: source.descriptor.energyRole,
                                 points: sampler.points.map { Point(tS: $0.t, watts: $0.watts) }))
        }
        return ServeLive(runId: id, status: record.status, phase: open?.name.rawValue, repetition: open?.repetition,
                         phasesCompleted: phases.filter { $0.endNanoseconds != nil }.count, elapsedS: endS,
                         remainingS: record.status == .running ? remaining(settingsJSON: record.run.settingsJSON, phases: phases,
                                                                           nowRunNanoseconds: elapsedNanoseconds) : nil,
                         windowS: windowS, power: series)
    }

    static func remaining(settingsJSON: String, phases: [PhaseRecord], nowRunNanoseconds: Int64) -> Double? {
        guard let settings = try? ReportCoding.decoder().decode(RunSettings.self, from: Data(settingsJSON.utf8)) else { return nil }
        return remainingSeconds(planned: settings.phaseDurations, repetitions: settings.repetitions,
                                phases: phases, nowRunNanoseconds: nowRunNanoseconds)
    }

    /// Planned seconds still to go, from the run's stored plan: the rest of the open phase (its
    /// planned length less its time so far, not below 0), the phases after it in its repetition,
    /// and every later repetition's four phases. Between phases, the count starts at the phase
    /// after the last one ended. A load that runs its commands to completion may end sooner or later.
    package static func remainingSeconds(planned: PhaseDurations, repetitions: Int, phases: [PhaseRecord],
                                         nowRunNanoseconds: Int64) -> Double {
        guard let last = phases.max(by: { ($0.repetition, $0.startNanoseconds) < ($1.repetition, $1.startNanoseconds) }) else {
            return Double(repetitions) * planned.totalSeconds
        }
        let later = planned.remainingSeconds(after: last.name, repetition: last.repetition, of: repetitions)
        guard last.endNanoseconds == nil else { return later }
        let inPhase = Double(max(0, nowRunNanoseconds - last.startNanoseconds)) / 1e9
        return max(0, planned.seconds(last.name) - inPhase) + later
    }

}
