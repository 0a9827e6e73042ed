import Foundation
import EcobenchModel
import EcobenchAttribute
import EcobenchCluster

/// The one place that builds error budgets: node energy per phase, and for the application its
/// workload energy, energy per unit, CO2e and SCI. Formulas: Reports/README.md "Uncertainty".
public enum ErrorBudgetBuilder {
    public static func build(_ inputs: ErrorBudgetInputs, application: ReportApplication,
                             sci: ReportSCI) -> [ErrorBudget] {
        var out = inputs.phases.map { nodeEnergy($0, inputs) }
        let app = application.name
        let all = inputs.phases.filter { $0.workloadEnergyJoules != 0 }
        let workload = ErrorBudget(
            figure: .workloadEnergy, application: app, value: application.energyJ, unit: "J",
            contributions: energyParts(all, inputs, value: application.energyJ, scale: 1)
                + [spread(application.statistics.energyJ, scaleTo: application.energyJ,
                          what: "the load phase's workload energy")])
        out.append(workload)
        let loads = inputs.phases.filter { $0.window.name == .load }
        let loadEnergy = loads.reduce(0) { $0 + $1.workloadEnergyJoules }
        var perUnit: ErrorBudget?
        if let value = application.energyPerUnitJ {
            // Per unit = load energy / units: every energy contribution scales by value / load energy.
            let scale = loadEnergy == 0 ? 0 : value / loadEnergy
            perUnit = ErrorBudget(
                figure: .energyPerUnit, application: app, value: value, unit: "J/" + application.functionalUnit,
                contributions: energyParts(loads, inputs, value: value, scale: scale)
                    + [spread(application.statistics.energyPerUnitJ, scaleTo: nil, what: "energy per unit")])
            perUnit.map { out.append($0) }
        }
        out.append(co2e(application, workload: workload, inputs))
        if let score = sci.scoreGPerUnit?.mean, let perUnit {
            out.append(sciBudget(sci, app: app, score: score, perUnit, inputs))
        }
        return out
    }

    package static func nodeEnergy(_ a: PhaseAttribution, _ inputs: ErrorBudgetInputs) -> ErrorBudget {
        let key = ErrorBudgetInputs.PhaseKey(repetition: a.window.repetition, name: a.window.name)
        return ErrorBudget(figure: .nodeEnergy, phase: a.window.name, repetition: a.window.repetition,
                           value: a.nodeEnergyJoules, unit: "J",
                           contributions: [source(inputs, value: a.nodeEnergyJoules)]
                               + (inputs.phaseContributions[key] ?? []))
    }

    /// A cluster node's energy in one phase window (agent or Prometheus path): the source's stated
    /// accuracy, the window integral's edge and gap figures (as for a local phase,
    /// `ErrorBudgetDefaults.windowContributions`) and the clock alignment: each edge placed within
    /// ±r (half the round trip) moves the energy by up to P̄ × r, rectangular, two edges in quadrature.
    public static func nodePhase(_ reading: NodeEnergyReading, phase: String, repetition: Int,
                                 durationSeconds: Double) -> ErrorBudget? {
        guard let u = reading.uncertainty else { return nil }
        let value = reading.energyJoules
        let inputs = ErrorBudgetInputs(sourceRelative: u.sourceRelative, sourceKind: reading.kind,
                                       sourceMethod: reading.source, phases: [], grid: .init(0, basis: ""),
                                       embodied: nil)
        var parts = [source(inputs, value: value)]
        parts += ErrorBudgetDefaults.windowContributions(edgeJ: u.edgeJ, gapJ: u.gapJ, gapS: nil, coverage: reading.coverage)
        let clock = u.clockJ(energyJoules: value, durationSeconds: durationSeconds)
        if clock > 0 {
            parts.append(.init(source: .clockAlignment, kind: .systematic, standardUncertainty: clock,
                               basis: String(format: "clock alignment ±%.3f ms per window edge (half the round trip): "
                                                 + "bound P̄ × r per edge, u = √2 · P̄ · r/√3", u.clockResidualMs)))
        }
        return ErrorBudget(figure: .nodeEnergy, phase: PhaseName(rawValue: phase), repetition: repetition,
                           value: value, unit: "J", contributions: parts)
    }

    /// Meter accuracy (measured) or model error (estimated): u = r · value, systematic; labelled
    /// with where r comes from (`sourceBasis`, e.g. a Redfish Sensor's Accuracy) where known.
    package static func source(_ inputs: ErrorBudgetInputs, value: Double) -> ErrorBudget.Contribution {
        let name: ErrorBudget.Source = inputs.sourceKind == .estimated ? .model : .meterAccuracy
        guard let r = inputs.sourceRelative else {
            return .init(source: name, kind: .systematic, standardUncertainty: 0,
                         basis: "\(inputs.sourceMethod): "
                             + (name == .model ? "the model's error is not stated" : "the meter's accuracy is not stated")
                             + "; none assumed (not in this budget)")
        }
        if let basis = inputs.sourceBasis {
            return .init(source: name, kind: .systematic, standardUncertainty: r * abs(value),
                         basis: basis + "; u = r·value")
        }
        return .init(source: name, kind: .systematic, standardUncertainty: r * abs(value),
                     basis: String(format: "%@: stated relative standard uncertainty %.3g %%, u = r·value",
                                   inputs.sourceMethod, r * 100))
    }

    /// The energy contributions of a workload figure over `phases`, in the figure's unit
    /// (`scale` = the figure's sensitivity to the workload energy of those phases).
    package static func energyParts(_ phases: [PhaseAttribution], _ inputs: ErrorBudgetInputs, value: Double,
                                    scale: Double) -> [ErrorBudget.Contribution] {
        var parts = [source(inputs, value: value)]
        // Per-phase contributions (joules of node energy), taken with sensitivity W/E of the phase and
        // added linearly across phases per source: a bias of one meter does not cancel between phases.
        var order: [ErrorBudget.Source] = []
        var sums: [ErrorBudget.Source: (u: Double, kind: ErrorBudget.Kind, basis: String)] = [:]
        for a in phases where a.nodeEnergyJoules != 0 {
            let key = ErrorBudgetInputs.PhaseKey(repetition: a.window.repetition, name: a.window.name)
            let c = a.workloadEnergyJoules / a.nodeEnergyJoules
            for part in inputs.phaseContributions[key] ?? [] {
                if sums[part.source] == nil { order.append(part.source) }
                let previous = sums[part.source]?.u ?? 0
                sums[part.source] = (previous + abs(c) * part.standardUncertainty * scale, part.kind,
                                     "Σ over phases of (workload/node energy) × the phase's u: " + part.basis)
            }
        }
        parts += order.compactMap { s in
            sums[s].map { .init(source: s, kind: $0.kind, standardUncertainty: $0.u, basis: $0.basis) }
        }
        parts.append(attribution(phases, inputs, scale: scale))
        return parts
    }

    /// Baseline correction of the CPU-share split: the workload's dynamic energy moves by
    /// −share · T per watt of baseline error; u(P_b) = sample sd of the baseline power across
    /// repetitions; linear within a repetition (one baseline), quadrature across repetitions.
    package static func attribution(_ phases: [PhaseAttribution], _ inputs: ErrorBudgetInputs,
                                    scale: Double) -> ErrorBudget.Contribution {
        let baselines = inputs.phases.filter { $0.window.name == .baseline }.compactMap(\.baselinePowerWatts)
        guard let stats = SummaryStatistics(baselines), let sdW = stats.sd else {
            return .init(source: .attributionModel, kind: .random, standardUncertainty: 0,
                         basis: "baseline correction not evaluated: fewer than two baseline phases")
        }
        var perRepetition: [Int: Double] = [:]
        for a in phases where a.window.name != .baseline {
            perRepetition[a.window.repetition, default: 0] += a.workloadCPUShare * a.window.durationSeconds * sdW
        }
        let u = perRepetition.values.reduce(0) { $0 + $1 * $1 }.squareRoot() * scale
        return .init(source: .attributionModel, kind: .random, standardUncertainty: u,
                     basis: String(format: "baseline correction: CPU share × duration × s(P_baseline) = %.4g W "
                                   + "(sample sd over %d baselines); linear within a repetition, quadrature across",
                                   sdW, stats.n))
    }

    /// Repetition spread: the Student-t 95 % half-width t(0.975, n−1)·s/√n over k = 2, so that
    /// U = 2·u_c gives that interval where the spread dominates. `scaleTo`: apply the relative
    /// spread of the statistics' mean to this value instead (a total over repetitions).
    package static func spread(_ stats: SummaryStatistics?, scaleTo total: Double?, what: String) -> ErrorBudget.Contribution {
        guard let stats, let low = stats.ci95Low, let high = stats.ci95High else {
            return .init(source: .repetitionSpread, kind: .random, standardUncertainty: 0,
                         basis: "fewer than two repetitions: spread of \(what) not known")
        }
        var u = (high - low) / 2 / ErrorBudget.coverageFactor
        if let total { u = stats.mean == 0 ? 0 : u / abs(stats.mean) * abs(total) }
        return .init(source: .repetitionSpread, kind: .random, standardUncertainty: u,
                     basis: "t(0.975, n−1)·s/√n ÷ 2 of \(what), n = \(stats.n)"
                         + (total == nil ? "" : ", relative to the mean, applied to the total"))
    }

    /// CO2e = workload energy × PUE × I: the energy's relative contributions plus the grid factor's.
    package static func co2e(_ app: ReportApplication, workload: ErrorBudget, _ inputs: ErrorBudgetInputs) -> ErrorBudget {
        let value = app.co2eG
        let energy = workload.contributions.map { c in
            ErrorBudget.Contribution(source: c.source, kind: c.kind,
                                     standardUncertainty: (c.relative ?? 0) * abs(value),
                                     basis: "relative as in workload energy: " + c.basis)
        }
        return ErrorBudget(figure: .co2e, application: app.name, value: value, unit: "g",
                           contributions: energy + [grid(inputs, value: value)])
    }

    package static func grid(_ inputs: ErrorBudgetInputs, value: Double) -> ErrorBudget.Contribution {
        .init(source: .gridFactor, kind: .systematic, standardUncertainty: inputs.grid.value * abs(value),
              basis: inputs.grid.basis)
    }

    /// SCI = (O + M)/R: the energy contributions (relative, as in energy per unit) weighted by
    /// O's share, the grid factor on O, embodied data on M, and the SCI's own repetition spread.
    package static func sciBudget(_ sci: ReportSCI, app: String, score: Double, _ perUnit: ErrorBudget,
                                  _ inputs: ErrorBudgetInputs) -> ErrorBudget {
        let o = sci.repetitions.reduce(0) { $0 + $1.operationalG }
        let m = sci.repetitions.reduce(0) { $0 + $1.embodiedG }
        let oShare = o + m == 0 ? 0 : o / (o + m)
        let operational = abs(score) * oShare
        var parts = perUnit.contributions.filter { $0.source != .repetitionSpread }.map { c in
            ErrorBudget.Contribution(source: c.source, kind: c.kind,
                                     standardUncertainty: (c.relative ?? 0) * operational,
                                     basis: String(format: "O's share %.3g × relative as in energy per unit: ", oShare)
                                         + c.basis)
        }
        parts.append(grid(inputs, value: operational))
        if let embodied = inputs.embodied {
            parts.append(.init(source: .embodiedData, kind: .systematic,
                               standardUncertainty: embodied.value * abs(score) * (1 - oShare),
                               basis: String(format: "M's share %.3g: ", 1 - oShare) + embodied.basis))
        }
        parts.append(spread(sci.scoreGPerUnit, scaleTo: nil, what: "SCI"))
        return ErrorBudget(figure: .sci, application: app, value: score,
                           unit: "g/" + sci.functionalUnit, contributions: parts)
    }
}
