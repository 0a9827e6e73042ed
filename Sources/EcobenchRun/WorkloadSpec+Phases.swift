import EcobenchModel

extension WorkloadSpec {
    /// How long each phase of one repetition lasts, in seconds.
    ///
    /// A repetition is: baseline (nothing running) → service start + readiness → idle
    /// (service up, no load) → load (load generator running) → cooldown → service stop.
    public struct Phases: Hashable, Sendable {
        public var baselineSeconds: Double
        public var idleSeconds: Double
        /// Always > 0.
        public var loadSeconds: Double
        public var cooldownSeconds: Double

        public static let defaultBaselineSeconds = PhaseDurations.defaultBaselineSeconds
        public static let defaultIdleSeconds = 10.0
        public static let defaultLoadSeconds = 30.0
        public static let defaultCooldownSeconds = 10.0

        public init(baselineSeconds: Double = Phases.defaultBaselineSeconds,
                    idleSeconds: Double = Phases.defaultIdleSeconds,
                    loadSeconds: Double = Phases.defaultLoadSeconds,
                    cooldownSeconds: Double = Phases.defaultCooldownSeconds) {
            self.baselineSeconds = baselineSeconds
            self.idleSeconds = idleSeconds
            self.loadSeconds = loadSeconds
            self.cooldownSeconds = cooldownSeconds
        }

        /// The planned lengths as stored with a run.
        public var durations: PhaseDurations {
            PhaseDurations(baselineS: baselineSeconds, idleS: idleSeconds, loadS: loadSeconds, cooldownS: cooldownSeconds)
        }

        /// Sum of the four phases (excludes setup, readiness waits and teardown).
        public var totalSeconds: Double { durations.totalSeconds }

        /// Why `seconds` is not a valid duration (`mustBePositive` for `load_s`), or nil.
        /// Shared by the parser and by `applying(overrides:)` so both say the same thing.
        package static func problem(with seconds: Double, mustBePositive: Bool) -> String? {
            let got = WorkloadSpec.formatSeconds(seconds)
            if !seconds.isFinite { return "must be a finite number of seconds, got \(got)" }
            if mustBePositive, seconds <= 0 { return "must be a number > 0, got \(got)" }
            if seconds < 0 { return "must be a number ≥ 0, got \(got)" }
            return nil
        }
    }

    /// Why `count` is not a valid repetition count, or nil.
    package static func repetitionsProblem(_ count: Int) -> String? {
        count >= 1 ? nil : "must be an integer ≥ 1, got \(count)"
    }

    /// Seconds as placeholders and messages show them: `30`, `0.5`, `-5`.
    package static func formatSeconds(_ seconds: Double) -> String {
        if seconds.isFinite, seconds == seconds.rounded(), abs(seconds) < 1e15 {
            return String(Int64(seconds))
        }
        return String(seconds)
    }
}
