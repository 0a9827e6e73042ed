import Foundation
import EcobenchStore
import EcobenchAttribute

/// One action of the standard usage scenario, as the run logged it (`load_steps` in the store):
/// the time-stamped log the criteria's measurement report asks for, in the JSON and as a CSV annex.
public struct BlueAngelLogEntry: Codable, Sendable, Equatable {
    public var repetition: Int
    /// 1-based position in the scenario.
    public var step: Int
    public var name: String
    /// Wall clock, unix ns (the run's clock).
    public var startUnixNs: Int64
    public var endUnixNs: Int64
    /// Seconds since the run's start, as the phases' `start_s`.
    public var startS: Double
    public var durationS: Double
    /// The step's `duration_s`; absent for a step that ran to completion.
    public var plannedDurationS: Double?
    public var exitCode: Int?
    public var signal: Int?
    public var endedBy: LoadStepRecord.Ending
    /// Whether the step lies within its repetition's load phase window (it always should).
    public var withinLoadPhase: Bool
}

/// The scenario log from the store, and its CSV annex.
public enum BlueAngelScenarioLog {
    public static let fileName = "blue-angel-scenario-log.csv"
    public static let columns = [
        "run_id", "repetition", "step", "name", "start_unix_ns", "end_unix_ns", "start_s", "duration_s",
        "planned_duration_s", "exit_code", "signal", "ended_by", "within_load_phase",
    ]

    /// Each stored step, with its times since the run's start (`clockStartUnixNs`) and whether it
    /// lies inside its repetition's load window (`windows`, ns since the run's start).
    package static func entries(_ steps: [LoadStepRecord], clockStartUnixNs: Int64, windows: [PhaseWindow]) -> [BlueAngelLogEntry] {
        steps.map { step in
            let start = step.startUnixNanoseconds - clockStartUnixNs, end = step.endUnixNanoseconds - clockStartUnixNs
            let load = windows.first { $0.name == .load && $0.repetition == step.repetition }
            return BlueAngelLogEntry(
                repetition: step.repetition, step: step.step, name: step.name, startUnixNs: step.startUnixNanoseconds,
                endUnixNs: step.endUnixNanoseconds, startS: Double(start) / 1e9, durationS: Double(end - start) / 1e9,
                plannedDurationS: step.plannedDurationSeconds, exitCode: step.exitCode, signal: step.signal,
                endedBy: step.endedBy,
                withinLoadPhase: load.map { $0.startNanoseconds <= start && end <= $0.endNanoseconds } ?? false)
        }
    }

    /// The annex: a header and one row per logged step.
    package static func csv(_ entries: [BlueAngelLogEntry], runID: Int64) -> String {
        var text = columns.joined(separator: ",") + "\n"
        for e in entries {
            let cells = [String(runID), String(e.repetition), String(e.step), CSVWriter.field(e.name), String(e.startUnixNs),
                         String(e.endUnixNs), CSVWriter.number(e.startS), CSVWriter.number(e.durationS),
                         CSVWriter.number(e.plannedDurationS), e.exitCode.map(String.init) ?? "", e.signal.map(String.init) ?? "",
                         e.endedBy.rawValue, e.withinLoadPhase ? "true" : "false"]
            text += cells.joined(separator: ",") + "\n"
        }
        return text
    }
}
