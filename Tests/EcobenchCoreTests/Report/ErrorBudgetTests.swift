import EcobenchCore
@testable import EcobenchModel
@testable import EcobenchCollect
@testable import EcobenchStore
@testable import EcobenchAttribute
@testable import EcobenchReport
import EcobenchTestSupport
import Foundation
import Testing

/// Error budgets (issue 11 item 6): every expected value below is computed by hand from the
/// synthetic run's powers and CPU rates (arithmetic in the comments), never from ecobench.
@Suite struct ErrorBudgetTests {
    /// Two repetitions; the energy source states 5 % relative standard uncertainty.
    /// Rep 1: baseline 2 s at 20 W (40 J), load 4 s at 60 W (240 J); rep 2: baseline 22 W (44 J),
    /// load 64 W (256 J). No background CPU (baseline busy 0), load busy 1.6/s, workload 1.2/s:
    /// share 1.2/1.6 = 0.75. Idle policy none: workload = 0.75 × (E − P_b × 4 s):
    /// rep 1: 0.75 × (240 − 80) = 120 J; rep 2: 0.75 × (256 − 88) = 126 J; 100 units each.
    func budgets(_ dir: TemporaryDirectory) throws -> (RunStore, Report) {
        let store = try RunStore(path: dir.path + "/t.db")
        func rep(_ base: Double, _ load: Double) -> [SyntheticRun.Phase] {
            [.init(.baseline, seconds: 2, powerWatts: base, busyCPUPerSecond: 0, workloadCPUPerSecond: 0),
             .init(.load, seconds: 4, powerWatts: load, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2,
                   functionalUnits: 100)]
        }
        let id = try SyntheticRun.write(into: store, repetitions: [rep(20, 60), rep(22, 64)],
                                        energySourceRelativeUncertainty: 0.05)
        // DE from the Ember table: "assumed" provenance, 381 g/kWh.
        let carbon = try #require(GridIntensity.forCountry("DE"))
        return (store, try ReportBuilder(store: store).build(runID: id, options: ReportOptions(carbon: carbon)))
    }

    func budget(_ report: Report, _ figure: ErrorBudget.Figure, phase: PhaseName? = nil,
                repetition: Int? = nil) throws -> ErrorBudget {
        try #require(report.errorBudgets?.first {
            $0.figure == figure && $0.phase == phase && $0.repetition == repetition
        })
    }

    func u(_ b: ErrorBudget, _ source: ErrorBudget.Source) -> Double? {
        b.contributions.first { $0.source == source }?.standardUncertainty
    }

    @Test func combinedAndExpandedFromKnownContributions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (_, report) = try budgets(dir)

        // Node energy, rep 1 load: 240 J; meter 0.05 × 240 = 12 J, nothing else; U = 2 × 12 = 24 J.
        let node = try budget(report, .nodeEnergy, phase: .load, repetition: 1)
        #expect(abs(node.value - 240) < 1e-6)
        #expect(abs((u(node, .meterAccuracy) ?? -1) - 12) < 1e-6)
        #expect(abs(node.combinedStandardUncertainty - 12) < 1e-6)
        #expect(abs(node.expandedUncertainty - 24) < 1e-6)
        #expect(node.contributions.first?.kind == .systematic)

        // Workload energy 120 + 126 = 246 J.
        // meter: 0.05 × 246 = 12.3 J.
        // attribution: baselines 20, 22 W → s = √(((20−21)² + (22−21)²)/1) = √2 W; per repetition
        //   0.75 × 4 s × √2 = 3√2 J; two repetitions in quadrature: √2 × 3√2 = 6 J.
        // spread: load energies 120, 126 → s = √18, t(0.975, 1) = tan(0.475π) = 12.7062047 (Cauchy, closed
        //   form), half-width 12.7062047 × √18/√2 = 38.1186142 J on the mean 123 J; u = 38.1186142/2/123 × 246
        //   = 38.1186142 J. u_c = √(12.3² + 6² + 38.1186142²) = √1640.3187 = 40.500849; U = 81.001697.
        let workload = try budget(report, .workloadEnergy)
        #expect(abs(workload.value - 246) < 1e-6)
        #expect(abs((u(workload, .meterAccuracy) ?? -1) - 12.3) < 1e-6)
        #expect(abs((u(workload, .attributionModel) ?? -1) - 6) < 1e-6)
        #expect(abs((u(workload, .repetitionSpread) ?? -1) - 38.1186142) < 1e-6)
        #expect(abs(workload.combinedStandardUncertainty - 40.500849) < 1e-5)
        #expect(abs(workload.expandedUncertainty - 81.001697) < 1e-5)
        #expect(workload.contributions.first { $0.source == .repetitionSpread }?.kind == .random)

        // Energy per unit 246 J / 200 units = 1.23 J; meter 0.05 × 1.23 = 0.0615; attribution
        // 6 J / 200 = 0.03; spread: 1.20, 1.26 → half-width 12.7062047 × 0.03 = 0.3811861, u = 0.1905931.
        // u_c = √(0.0615² + 0.03² + 0.1905931²) = 0.2025042.
        let perUnit = try budget(report, .energyPerUnit)
        #expect(abs(perUnit.value - 1.23) < 1e-9)
        #expect(perUnit.unit == "J/request")
        #expect(abs((u(perUnit, .meterAccuracy) ?? -1) - 0.0615) < 1e-9)
        #expect(abs((u(perUnit, .attributionModel) ?? -1) - 0.03) < 1e-9)
        #expect(abs((u(perUnit, .repetitionSpread) ?? -1) - 0.1905931) < 1e-7)
        #expect(abs(perUnit.combinedStandardUncertainty - 0.2025042) < 1e-6)

        // CO2e = 246 J / 3.6e6 × 381 = 0.026035 g; grid: 0.30/√3 = 0.1732051 relative; relative u_c
        // = √(0.05² + (6/246)² + (38.1186142/246)² + 0.1732051²) = 0.2389677 → 0.0062215 g; U = 0.0124430 g.
        let co2e = try budget(report, .co2e)
        #expect(abs(co2e.value - 0.026035) < 1e-9)
        #expect(abs((co2e.contributions.first { $0.source == .gridFactor }?.relative ?? -1) - 0.1732051) < 1e-6)
        #expect(abs(co2e.combinedStandardUncertainty - 0.0062215) < 1e-6)
        #expect(abs(co2e.expandedUncertainty - 0.0124430) < 1e-6)

        // SCI's embodied data: TE from component defaults, so BoaviztAPI 2.5.0's range for the
        // synthetic host (1 socket, 2 logical CPUs → 2 cores, 1 GiB, no PCI devices) as a
        // rectangular bound. By hand, GWP kg (value; min; max):
        //   cpu, 2-core die 383 mm² (41.2–3640): 383 × 0.0197 + 9.14 = 16.6851; 9.95164; 80.848
        //   ram, 1 GiB in 1 module at 13.688/11 (2.375–0.625) GB/cm²: 1 × 11/13.688 × 2.2 + 5.22
        //     = 6.987925; 1/2.375 × 2.2 + 5.22 = 6.146316; 1/0.625 × 2.2 + 5.22 = 8.74
        //   power supply 2 × 2.99 (1–5) kg × 24.3 = 145.314; 48.6; 243
        //   case rack 150, blade 880/16 + 30.9 = 85.9: 150; 85.9; 150
        //   motherboard 66.1, assembly 6.68 (fixed)
        //   total 391.767072; 223.377956; 555.368
        // u = (555.368 − 223.377956)/√12 = 95.837271 kg; relative 95.837271/391.767072 = 0.2446282.
        // The SCI budget carries it on M's share: u = 0.2446282 × SCI × M/(O + M).
        let sci = try budget(report, .sci)
        let section = report.sci
        let o = section.repetitions.reduce(0) { $0 + $1.operationalG }
        let m = section.repetitions.reduce(0) { $0 + $1.embodiedG }
        let embodied = try #require(sci.contributions.first { $0.source == .embodiedData })
        #expect(abs(embodied.standardUncertainty / (abs(sci.value) * m / (o + m)) - 0.2446282) < 1e-6)
        #expect(embodied.basis.contains("BoaviztAPI 2.5.0 min–max of its defaults"))
        #expect(embodied.basis.contains("223–555 kg CO2e around 392 kg"))
        #expect(!embodied.basis.contains("assumed by ecobench"))
    }

    /// The embodied bound from BoaviztAPI 2.5.0's own range: its first reference server (2 × 16
    /// cores, 64 GB in 2 × 32 GB, 1 NVMe SSD) states GWP min 311.42 and max 1472.11 kg around
    /// 580.30 kg (testdata/boavizta/reference.json; by hand: min 26.357 + 69.724211 + 8.05875 +
    /// 48.6 + 85.9 + 66.1 + 6.68 = 311.419961, max 93.534 + 235.72 + 677.071707 + 243 + 150 +
    /// 66.1 + 6.68 = 1472.105707). u = (1472.105707 − 311.419961)/√12 = 335.061114 kg,
    /// relative 335.061114/580.304393 = 0.5773886. A TE the user gives: none.
    @Test func embodiedBoundIsBoaviztasRangeAndNoneForAUserFigure() {
        let range = EmbodiedComponentDefaults.estimate(host: EmbodiedImpactsTests.server()).totalRange
        let fromDefaults = ErrorBudgetDefaults.embodied(defaults: range, provenance: "assumed: CCF")
        #expect(abs(fromDefaults.value - 0.5773886) < 1e-6)
        #expect(fromDefaults.basis.contains("BoaviztAPI 2.5.0 min–max of its defaults for this host's components: "
                                            + "311–1472 kg CO2e around 580 kg, u = (max − min)/√12 = 335 kg (57.7 % relative)"))
        let user = ErrorBudgetDefaults.embodied(defaults: nil, provenance: "user-supplied: --embodied-kgco2e 900")
        #expect(user.value == 0)
        #expect(user.basis == "user-supplied: --embodied-kgco2e 900: no uncertainty stated; none assumed")
    }

    /// SCI = (O + M)/R over two repetitions: O 3 g and 3.6 g, M 1 g each, 10 units each →
    /// 0.40 and 0.46 g/unit, mean 0.43. O's share 6.6/8.6, so the operational part is
    /// 0.43 × 6.6/8.6 = 0.33 g and the embodied part 0.10 g.
    @Test func sciWeightsOperationalAndEmbodiedParts() {
        let reps = [ReportSCI.Repetition(repetition: 1, energyKwh: 0, operationalG: 3, embodiedG: 1, timeReservedS: 1,
                                         functionalUnits: 10, sciGPerUnit: 0.40),
                    ReportSCI.Repetition(repetition: 2, energyKwh: 0, operationalG: 3.6, embodiedG: 1,
                                         timeReservedS: 1, functionalUnits: 10, sciGPerUnit: 0.46)]
        let sci = ReportSCI(functionalUnit: "request", boundary: "", method: "",
                            inputs: .init(pue: 1, pueProvenance: "", intensityGPerKwh: 100, intensityKind: "",
                                          intensitySource: "", embodiedKgCo2e: 1, embodiedProvenance: "",
                                          lifetimeYears: 4, lifetimeProvenance: "", reservedShare: 1,
                                          reservedShareProvenance: ""),
                            repetitions: reps, scoreGPerUnit: SummaryStatistics([0.40, 0.46]))
        // Energy per unit with 5 % meter, 2 % attribution, 30 % spread (relative to 1 J).
        let perUnit = ErrorBudget(figure: .energyPerUnit, value: 1, unit: "J/request", contributions: [
            .init(source: .meterAccuracy, kind: .systematic, standardUncertainty: 0.05, basis: ""),
            .init(source: .attributionModel, kind: .random, standardUncertainty: 0.02, basis: ""),
            .init(source: .repetitionSpread, kind: .random, standardUncertainty: 0.30, basis: ""),
        ])
        let inputs = ErrorBudgetInputs(sourceRelative: 0.05, sourceKind: .measured, sourceMethod: "m", phases: [],
                                       grid: .init(0.10, basis: "g"), embodied: .init(0.20, basis: "e"))
        let budget = ErrorBudgetBuilder.sciBudget(sci, app: "a", score: 0.43, perUnit, inputs)
        func u(_ s: ErrorBudget.Source) -> Double {
            budget.contributions.first { $0.source == s }?.standardUncertainty ?? -1
        }
        // meter 0.05 × 0.33 = 0.0165; attribution 0.02 × 0.33 = 0.0066; grid 0.10 × 0.33 = 0.033;
        // embodied 0.20 × 0.10 = 0.02; spread: s = 0.03√2, half-width 12.7062047 × 0.03 = 0.3811861, u = 0.1905931.
        #expect(abs(u(.meterAccuracy) - 0.0165) < 1e-9)
        #expect(abs(u(.attributionModel) - 0.0066) < 1e-9)
        #expect(abs(u(.gridFactor) - 0.033) < 1e-9)
        #expect(abs(u(.embodiedData) - 0.02) < 1e-9)
        #expect(abs(u(.repetitionSpread) - 0.1905931) < 1e-7)
        // u_c = √(0.0165² + 0.0066² + 0.033² + 0.02² + 0.1905931²) = 0.1952704; U = 0.3905408.
        #expect(abs(budget.combinedStandardUncertainty - 0.1952704) < 1e-6)
        #expect(abs(budget.expandedUncertainty - 0.3905408) < 1e-6)
        #expect(budget.unit == "g/request")
    }

    /// The window integral's figures of a phase join its budget as they are: edge interpolation
    /// 3 J (polling/staleness) and gap 4 J (gap share) give u_c = √(0² + 3² + 4²) = 5 J with no
    /// meter accuracy stated, U = 10 J; a window without either adds nothing.
    @Test func theWindowIntegralsEdgeAndGapFiguresJoinThePhaseBudget() {
        let window = PhaseWindow(repetition: 1, name: .load, startNanoseconds: 0, endNanoseconds: 4_000_000_000,
                                 functionalUnits: nil)
        let phase = PhaseAttribution(window: window, nodeEnergyJoules: 400, sourceEnergyJoules: [:],
                                     baselinePowerWatts: nil, idleEnergyJoules: 0, dynamicEnergyJoules: 400,
                                     nodeBusyCPUSeconds: 1, workloadCPUSeconds: 1, workloadCPUShare: 1,
                                     workloadDynamicEnergyJoules: 400, workloadIdleEnergyJoules: 0,
                                     workloadIOReadBytes: 0, workloadIOWriteBytes: 0)
        let measured = ReportEnergyWindow(coverage: 0.75, gapS: 1, edgeUncertaintyJ: 3, gapUncertaintyJ: 4,
                                          standardUncertaintyJ: 5)
        let parts = ErrorBudgetDefaults.windowContributions(measured)
        #expect(parts.map(\.source) == [.pollingStaleness, .gapShare])
        #expect(ErrorBudgetDefaults.windowContributions(
            ReportEnergyWindow(coverage: 1, gapS: 0, edgeUncertaintyJ: 0, gapUncertaintyJ: 0, standardUncertaintyJ: 0))
            .isEmpty)
        let key = ErrorBudgetInputs.PhaseKey(repetition: 1, name: .load)
        let inputs = ErrorBudgetInputs(sourceRelative: nil, sourceKind: .measured, sourceMethod: "m", phases: [phase],
                                       phaseContributions: [key: parts], grid: .init(0, basis: ""), embodied: nil)
        let node = ErrorBudgetBuilder.nodeEnergy(phase, inputs)
        #expect(abs(node.combinedStandardUncertainty - 5) < 1e-9)
        #expect(abs(node.expandedUncertainty - 10) < 1e-9)
        #expect(node.contributions.first?.basis == "m: the meter's accuracy is not stated; none assumed (not in this budget)")
    }

    @Test func reportValidatesAndCSVAndHTMLCarryTheBudget() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, report) = try budgets(dir)
        let path = dir.path + "/report.json"
        try ReportCoding.encoder(pretty: true).encode(report).write(to: URL(fileURLWithPath: path))
        let validation = try CLI.validateReport(path)
        #expect(validation.status == 0, "\(validation.stdout)")

        let files = try ReportWriter(store: store).write(report, format: .csv, to: dir.path + "/csv")
        let csvPath = try #require(files.first { $0.hasSuffix("/error-budget.csv") })
        let csv = try String(contentsOfFile: csvPath, encoding: .utf8)
        let header = csv.split(separator: "\n").first.map(String.init) ?? ""
        for column in ["figure", "contribution", "kind", "standard_uncertainty", "combined_standard_uncertainty",
                       "expanded_uncertainty", "basis"] {
            #expect(header.split(separator: ",").contains(Substring(column)), "missing \(column)")
        }
        #expect(csv.split(separator: "\n").contains {
            $0.contains(",workload_energy,synthetic,,,") && $0.contains(",J,attribution_model,random,")
        })

        let html = HTMLReport.render(report: report, powerSeries: [])
        #expect(html.contains("<h2>Error budget</h2>"))
        #expect(html.contains("attribution_model") && html.contains("U (k = 2)"))
    }

    /// A 0.001 kWh counter: q = 0.001 × 3.6e6 = 3600 J, u = 3600/√3 = 2078.461 J in every phase;
    /// a channel outside the node energy adds nothing. The step survives the store.
    @Test func counterResolutionIsAStepOverRootThree() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.load, seconds: 1, powerWatts: 100, busyCPUPerSecond: 1, workloadCPUPerSecond: 1),
        ]])
        let meter = SourceDescriptor(name: "redfish.bmc.N.energy", kind: .measured, unit: "J", semantics: .counter,
                                     scope: .node, path: "bmc", energyRole: .wall, resolutionJoules: 3600)
        var other = meter
        other.name = "redfish.bmc.N.psu0.energy"
        other.resolutionJoules = 1
        _ = try store.registerSources(runID: id, [meter, other])
        let stored = try store.sources(runID: id).map(\.descriptor)
        #expect(stored.first { $0.name == meter.name }?.resolutionJoules == 3600)

        let window = PhaseWindow(repetition: 1, name: .load, startNanoseconds: 0, endNanoseconds: 1_000_000_000,
                                 functionalUnits: nil)
        let phase = PhaseAttribution(window: window, nodeEnergyJoules: 100_000, sourceEnergyJoules: [:],
                                     baselinePowerWatts: nil, idleEnergyJoules: 0, dynamicEnergyJoules: 100_000,
                                     nodeBusyCPUSeconds: 1, workloadCPUSeconds: 1, workloadCPUShare: 1,
                                     workloadDynamicEnergyJoules: 100_000, workloadIdleEnergyJoules: 0,
                                     workloadIOReadBytes: 0, workloadIOWriteBytes: 0)
        let parts = ErrorBudgetDefaults.resolutionContributions(stored, channels: [meter.name], phases: [phase])
        let part = try #require(parts[.init(repetition: 1, name: .load)]?.first)
        #expect(part.source == .resolution && part.kind == .systematic)
        #expect(abs(part.standardUncertainty - 2078.461) < 1e-3)
    }
}
