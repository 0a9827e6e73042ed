/// One logged step of a load phase's scenario (`load.steps`, or the single load command as
/// step 1 named `load`): when it ran on the run's wall clock and how it ended.
public struct LoadStepRecord: Sendable, Equatable, Codable {
    /// How a step ended.
    public enum Ending: String, Sendable, Codable, CaseIterable {
        /// The command exited by itself (a step with `duration_s` then waited out the rest).
        case exited
        /// Still running at its `duration_s`: stopped by ecobench, as the scenario intends.
        case stoppedAtDuration = "stopped_at_duration"
        /// Still running at its time limit: stopped, and the run failed.
        case timedOut = "timed_out"
        /// The run was interrupted (a signal to ecobench) during the step.
        case interrupted
    }

    public var repetition: Int
    /// 1-based position in the scenario.
    public var step: Int
    public var name: String
    /// Unix time in ns: the run's clock start (unix) + the monotonic time since its origin.
    public var startUnixNanoseconds: Int64
    public var endUnixNanoseconds: Int64
    /// The step's `duration_s`; nil for a step that runs to completion.
    public var plannedDurationSeconds: Double?
    /// The command's exit code, or nil when a signal ended it (`signal`).
    public var exitCode: Int?
    public var signal: Int?
    public var endedBy: Ending

    public init(repetition: Int, step: Int, name: String, startUnixNanoseconds: Int64, endUnixNanoseconds: Int64,
                plannedDurationSeconds: Double?, exitCode: Int?, signal: Int?, endedBy: Ending) {
        self.repetition = repetition
        self.step = step
        self.name = name
        self.startUnixNanoseconds = startUnixNanoseconds
        self.endUnixNanoseconds = endUnixNanoseconds
        self.plannedDurationSeconds = plannedDurationSeconds
        self.exitCode = exitCode
        self.signal = signal
        self.endedBy = endedBy
    }
}

extension RunStore {
    public func insertLoadStep(runID: Int64, _ step: LoadStepRecord) throws {
        try locked {
            try db.prepare("""
                INSERT INTO load_steps(run_id, repetition, step, name, start_unix_ns, end_unix_ns, planned_duration_s,
                                       exit_code, signal, ended_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).run([.integer(runID), .int(step.repetition), .int(step.step), .text(step.name),
                          .integer(step.startUnixNanoseconds), .integer(step.endUnixNanoseconds),
                          .optional(step.plannedDurationSeconds), .optional(step.exitCode.map(Int64.init)),
                          .optional(step.signal.map(Int64.init)), .text(step.endedBy.rawValue)])
        }
    }

    /// The run's logged steps by repetition and position; empty for runs stored before the log existed.
    public func loadSteps(runID: Int64) throws -> [LoadStepRecord] {
        try locked {
            var out: [LoadStepRecord] = []
            try db.prepare("""
                SELECT repetition, step, name, start_unix_ns, end_unix_ns, planned_duration_s, exit_code, signal, ended_by
                FROM load_steps WHERE run_id = ? ORDER BY repetition, step
                """).query([.integer(runID)]) { row in
                    out.append(LoadStepRecord(
                        repetition: Int(row.int64(0)), step: Int(row.int64(1)), name: row.string(2) ?? "",
                        startUnixNanoseconds: row.int64(3), endUnixNanoseconds: row.int64(4),
                        plannedDurationSeconds: row.optionalDouble(5), exitCode: row.optionalInt64(6).map(Int.init),
                        signal: row.optionalInt64(7).map(Int.init),
                        endedBy: LoadStepRecord.Ending(rawValue: row.string(8) ?? "") ?? .exited))
                }
            return out
        }
    }
}
