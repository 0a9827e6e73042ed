extension WorkloadSpec {
    /// How `ecobench sweep` drives the load at a fixed offered rate (`sweep:`; format in
    /// `Workloads/README.md`, method in `docs/sweeps.md`).
    ///
    /// The calibration run uses the workload's own `load:` at full speed; every level then runs
    /// `load` here with `{rate}` (offered functional units per second, all workers together) and
    /// `{rate_per_worker}` (`{rate}` ÷ `workers`) filled in, and counts units with
    /// `functionalUnits` (the sweep's own, else the workload's).
    public struct Sweep: Hashable, Sendable {
        /// The rate-controlled load generator; may use `{rate}` and `{rate_per_worker}`.
        public var load: Command
        /// How the generator's output counts functional units (`sweep.load.functional_units`,
        /// else `load.functional_units`).
        public var functionalUnits: FunctionalUnits
        /// The full-speed load of the calibration run (`calibration:`, no `{rate}`), counted like
        /// the levels; nil: the workload's own `load`. Giving the levels' generator unthrottled
        /// here calibrates with the same client overhead as the levels.
        public var calibration: Load? = nil
        /// How many workers share the offered rate (`workers`, ≥ 1; default 1): the divisor of
        /// `{rate_per_worker}` for generators whose rate option is per worker (`hey -q`).
        public var workers: Int
        /// Latency percentiles read from the generator's output (`latency:`); empty: none.
        public var latency: [LatencyPattern]
        /// Binaries the sweep's generator needs beyond the workload's `requires`.
        public var requirements: [Requirement]
        /// Where `sweep:` is written.
        public var location: SourceLocation

        public init(load: Command, functionalUnits: FunctionalUnits, workers: Int = 1,
                    latency: [LatencyPattern] = [], requirements: [Requirement] = [], location: SourceLocation) {
            self.load = load
            self.functionalUnits = functionalUnits
            self.workers = workers
            self.latency = latency
            self.requirements = requirements
            self.location = location
        }

        /// The pattern of one percentile, if given.
        public func latency(_ percentile: LatencyPercentile) -> LatencyPattern? {
            latency.first { $0.percentile == percentile }
        }
    }

    /// The placeholders only a sweep's load command may use.
    public enum SweepPlaceholder: String, CaseIterable, Sendable {
        /// Offered rate, functional units per second, all workers together.
        case rate
        /// `{rate}` ÷ `sweep.workers`.
        case ratePerWorker = "rate_per_worker"
    }

    /// The latency percentiles a sweep records.
    public enum LatencyPercentile: String, CaseIterable, Hashable, Sendable {
        case p50, p95, p99
    }

    /// The unit a generator prints a latency in.
    public enum LatencyUnit: String, CaseIterable, Hashable, Sendable {
        case s, ms, us

        /// Milliseconds in one of this unit.
        public var milliseconds: Double {
            switch self {
            case .s: return 1_000
            case .ms: return 1
            case .us: return 0.001
            }
        }
    }
}
