import Foundation

extension WorkloadParser {
    package static let sweepKeys = ["requires", "packages", "workers", "load", "calibration", "latency"]
    package static let latencyKeys = ["regex", "unit", "stream"]

    /// `sweep:` (optional): `load` (a command using `{rate}` or `{rate_per_worker}`, with an
    /// optional `functional_units` that replaces the workload's), `workers`, `latency` and the
    /// generator's `requires`/`packages`.
    package static func parseSweep(_ field: YAMLField?, load: WorkloadSpec.Load) throws(WorkloadError)
        -> WorkloadSpec.Sweep? {
        guard let field else { return nil }
        let mapping = try field.mapping(allowed: sweepKeys, required: ["load"])
        let requirements = try parseRequirements(mapping)
        let workers = try mapping.optional("workers")?.integer(minimum: 1) ?? 1
        let loadField = try mapping.required("load")
        let rateNames = WorkloadSpec.SweepPlaceholder.allCases.map(\.rawValue)
        let (command, loadMapping) = try parseCommand(loadField, extraKeys: ["functional_units"],
                                                      extraPlaceholders: rateNames)
        guard usesRate(command) else {
            throw loadField.invalid("must use {rate} or {rate_per_worker} (the offered rate, units per second) "
                                    + "in its arguments, script or environment: a sweep runs the load at fixed rates")
        }
        let units = try loadMapping.optional("functional_units").map { units throws(WorkloadError) in
            try parseFunctionalUnits(units)
        } ?? load.functionalUnits
        let latency = try parseLatency(mapping.optional("latency"))
        var sweep = WorkloadSpec.Sweep(load: command, functionalUnits: units, workers: workers, latency: latency,
                                       requirements: requirements, location: field.location)
        if let calibrationField = mapping.optional("calibration") {
            // A plain command (no {rate}: it runs at full speed), counted like the levels unless it says otherwise.
            let (calibration, calibrationMapping) = try parseCommand(calibrationField, extraKeys: ["functional_units"])
            let calibrationUnits = try calibrationMapping.optional("functional_units").map { field throws(WorkloadError) in
                try parseFunctionalUnits(field)
            } ?? units
            sweep.calibration = WorkloadSpec.Load(command: calibration, functionalUnits: calibrationUnits)
        }
        return sweep
    }

    /// `latency: {p50: {regex, unit, stream}, p95: ..., p99: ...}`, each optional.
    private static func parseLatency(_ field: YAMLField?) throws(WorkloadError) -> [WorkloadSpec.LatencyPattern] {
        guard let field else { return [] }
        let percentiles = WorkloadSpec.LatencyPercentile.allCases.map(\.rawValue)
        let mapping = try field.mapping(allowed: percentiles)
        var patterns: [WorkloadSpec.LatencyPattern] = []
        for percentile in WorkloadSpec.LatencyPercentile.allCases {
            guard let entry = mapping.optional(percentile.rawValue) else { continue }
            let fields = try entry.mapping(allowed: latencyKeys, required: ["regex", "unit"])
            let regexField = try fields.required("regex")
            let pattern = try regexField.string()
            let regex: NSRegularExpression
            do { regex = try NSRegularExpression(pattern: pattern) } catch {
                throw regexField.invalid("regex does not compile: '\(pattern)'")
            }
            guard regex.numberOfCaptureGroups >= 1 else {
                throw regexField.invalid("regex needs a capture group around the number, e.g. '99% in ([0-9.]+) secs'")
            }
            let unitField = try fields.required("unit")
            let unitText = try unitField.string()
            guard let unit = WorkloadSpec.LatencyUnit(rawValue: unitText) else {
                throw unitField.invalid("must be one of "
                                        + WorkloadSpec.LatencyUnit.allCases.map(\.rawValue).joined(separator: ", ")
                                        + " (the unit the generator prints), got \(unitField.described)")
            }
            var stream = WorkloadSpec.FunctionalUnits.Stream.both
            if let streamField = fields.optional("stream") {
                let text = try streamField.string()
                guard let value = WorkloadSpec.FunctionalUnits.Stream(rawValue: text) else {
                    throw streamField.invalid("must be one of stdout, stderr, both, got \(streamField.described)")
                }
                stream = value
            }
            patterns.append(WorkloadSpec.LatencyPattern(percentile: percentile, pattern: pattern, unit: unit,
                                                        stream: stream, location: entry.location))
        }
        return patterns
    }

    /// Whether the command refers to `{rate}` or `{rate_per_worker}` anywhere.
    private static func usesRate(_ command: WorkloadSpec.Command) -> Bool {
        var texts = Array(command.environment.values) + [command.workingDirectory].compactMap { $0 }
        switch command.invocation {
        case .argv(let words): texts += words
        case .shell(let script): texts.append(script)
        }
        let names = Set(WorkloadSpec.SweepPlaceholder.allCases.map(\.rawValue))
        return texts.contains { text in
            WorkloadSpec.templateParts(of: text).contains { part in
                if case .placeholder(let name) = part { return names.contains(name) }
                return false
            }
        }
    }
}
