extension WorkloadSpec {
    /// The workload one sweep level runs: its `sweep.load` with `{rate}` and `{rate_per_worker}`
    /// filled in, counted with the sweep's functional units; at active idle (`offered` nil) a
    /// load phase of `sleep {load_s}` (service up, no requests, 0 units). Everything else
    /// (setup, services, readiness, phases, repetitions) is the workload's own.
    public func sweepLevel(offeredRatePerSecond offered: Double?) throws(WorkloadError) -> WorkloadSpec {
        guard let sweep else { throw missingSweep }
        var level = self
        level.requirements += sweep.requirements.filter { needed in
            !requirements.contains { $0.binary == needed.binary }
        }
        guard let offered else {
            let idle = sweep.location.with(field: "sweep (active idle)")
            level.load = Load(command: Command(invocation: .argv(["sleep", "{\(Placeholder.loadSeconds.rawValue)}"]),
                                               location: idle),
                              functionalUnits: FunctionalUnits(method: .count(0), location: idle))
            return level
        }
        let values = [
            SweepPlaceholder.rate.rawValue: SweepRate.spelled(offered),
            SweepPlaceholder.ratePerWorker.rawValue: SweepRate.spelled(offered / Double(sweep.workers)),
        ]
        level.load = Load(command: sweep.load.fillingIn(values), functionalUnits: sweep.functionalUnits)
        return level
    }
}

extension WorkloadSpec {
    /// The workload the calibration runs: its own `load`, or `sweep.calibration` when given.
    public func sweepCalibration() throws(WorkloadError) -> WorkloadSpec {
        guard let sweep else { throw missingSweep }
        var calibration = try sweepLevel(offeredRatePerSecond: nil)  // the sweep's requirements
        calibration.load = sweep.calibration ?? load
        return calibration
    }

    /// The error for `ecobench sweep` on a workload without `sweep:`.
    public var missingSweep: WorkloadError {
        WorkloadError(kind: .missingKey, file: file, line: nil, field: "sweep",
                      message: "has no 'sweep:' block: `ecobench sweep` needs a rate-controlled load "
                          + "(see Workloads/README.md, \"sweep\")")
    }
}

extension WorkloadSpec.Command {
    /// The command with the placeholders named in `values` replaced and every other one kept
    /// (still `{name}`, resolved later by `resolved(with:)`); literal braces stay escaped.
    public func fillingIn(_ values: [String: String]) -> WorkloadSpec.Command {
        func fill(_ text: String) -> String {
            WorkloadSpec.templateParts(of: text).map { part in
                switch part {
                case .literal(let literal):
                    return literal.replacingOccurrences(of: "{", with: "{{").replacingOccurrences(of: "}", with: "}}")
                case .placeholder(let name):
                    return values[name] ?? "{\(name)}"
                }
            }.joined()
        }
        var command = self
        switch invocation {
        case .argv(let words): command.invocation = .argv(words.map(fill))
        case .shell(let script): command.invocation = .shell(fill(script))
        }
        command.environment = environment.mapValues(fill)
        command.workingDirectory = workingDirectory.map(fill)
        return command
    }
}
