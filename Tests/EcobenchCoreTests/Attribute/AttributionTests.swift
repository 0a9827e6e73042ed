import EcobenchCore
import EcobenchTestSupport
import Testing

@Suite struct AttributionTests {
    func standardRepetition(loadPower: Double, units: Double) -> [SyntheticRun.Phase] {
        [
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.idle, seconds: 10, powerWatts: 22, busyCPUPerSecond: 0.2, workloadCPUPerSecond: 0.1),
            .init(.load, seconds: 20, powerWatts: loadPower, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2,
                  functionalUnits: units),
            .init(.cooldown, seconds: 5, powerWatts: 21, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
        ]
    }

    @Test func splitsIdleAndDynamicAndGivesTheWorkloadItsCPUShare() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [standardRepetition(loadPower: 60, units: 1000)])
        let report = try ReportBuilder(store: store).build(runID: id)
        let load = try #require(report.phases.first { $0.name == .load })
        // Hand computation: load energy 60 W × 20 s = 1200 J; baseline 20 W × 20 s = 400 J idle;
        // dynamic 800 J. CPU share, baseline-corrected: the baseline's background is 0.1 CPU-s/s
        // (busy 0.1, no workload), so over 20 s 2 CPU-s of the load's 1.6 × 20 = 32 busy CPU-s were
        // already in the baseline power: share 1.2 × 20 / (32 − 2) = 24 / 30 = 0.8 → 640 J.
        // (Uncorrected, 24 / 32 = 0.75 → 600 J: 6.25 % low.)
        #expect(abs(load.energyJ - 1200) < 1e-6)
        #expect(abs(load.baselinePowerW! - 20) < 1e-9)
        #expect(abs(load.idleEnergyJ - 400) < 1e-6)
        #expect(abs(load.dynamicEnergyJ - 800) < 1e-6)
        #expect(abs(load.workloadCpuShare - 0.8) < 1e-9)
        #expect(abs(load.workloadEnergyJ - 640) < 1e-6)
        let app = try #require(report.applications.first)
        #expect(abs(app.energyPerUnitJ! - 0.64) < 1e-9)
        // CO2e: 640 J = 640 / 3.6e6 kWh at 400 g/kWh.
        #expect(abs(app.repetitions[0].co2eG - 640 / 3.6e6 * 400) < 1e-12)
    }

    @Test func energyIsConserved() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [
            standardRepetition(loadPower: 60, units: 1000),
            standardRepetition(loadPower: 64, units: 1010),
            standardRepetition(loadPower: 58, units: 990),
        ])
        let report = try ReportBuilder(store: store).build(runID: id)
        // Every phase: workload + unattributed = node.
        for phase in report.phases {
            #expect(abs(phase.workloadEnergyJ + phase.unattributedEnergyJ - phase.energyJ) < 1e-9)
            #expect(phase.workloadEnergyJ >= 0 && phase.workloadEnergyJ <= phase.energyJ + 1e-9)
        }
        // The run: applications + unattributed = node energy = the counter's rise over all phases.
        let apps = report.applications.reduce(0) { $0 + $1.energyJ }
        #expect(abs(apps + report.totals.unattributedEnergyJ - report.totals.nodeEnergyJ) < 1e-6)
        let fixedJoules: Double = 20 * 10 + 22 * 10 + 21 * 5
        let expectedNode: Double = 3 * fixedJoules + (60 + 64 + 58) * 20
        #expect(abs(report.totals.nodeEnergyJ - expectedNode) < 1e-6)
    }

    @Test func statisticsAcrossRepetitions() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [
            standardRepetition(loadPower: 60, units: 1000),
            standardRepetition(loadPower: 64, units: 1000),
            standardRepetition(loadPower: 68, units: 1000),
        ])
        let report = try ReportBuilder(store: store).build(runID: id)
        let stats = try #require(report.applications[0].statistics.energyPerUnitJ)
        // Per unit: (P − 20) × 20 × 0.8 / 1000 → 0.64, 0.704, 0.768 (share 0.8 as above). Equal
        // units: the ratio of sums 2112 / 3000 = 0.704 is their mean, the delta-method sd their
        // sample sd 0.064, the CI Student's t's.
        #expect(stats.n == 3)
        #expect(stats.estimator == "ratio_of_sums")
        #expect(abs(stats.mean - 0.704) < 1e-9)
        #expect(abs(stats.sd! - 0.064) < 1e-9)
        // t(0.975, 2) = 0.95/√(2 × 0.975 × 0.025) = 4.30265273 (closed form): half-width 4.30265273 × 0.064/√3.
        let half = 4.30265273 * 0.064 / 3.0.squareRoot()
        #expect(abs(stats.ci95Low! - (0.704 - half)) < 1e-9)
        #expect(abs(stats.ci95High! - (0.704 + half)) < 1e-9)
    }

    @Test func interpolatesBetweenSamples() {
        #expect(interpolate(before: (0, 10), after: (100, 20), at: 25) == 12.5)
        #expect(interpolate(before: (0, 10), after: nil, at: 25) == 10)
        #expect(interpolate(before: nil, after: (100, 20), at: 25) == 20)
        #expect(interpolate(before: nil, after: nil, at: 25) == nil)
    }

    @Test func nodeEnergyNeverCountsASubzoneOrDuplicate() {
        func zone(_ name: String, _ role: EnergyRole) -> SourceDescriptor {
            SourceDescriptor(name: name, kind: .measured, unit: "J", semantics: .counter, scope: .node, path: "/x",
                             energyRole: role)
        }
        let intel = [zone("rapl.package-0", .package), zone("rapl.package-0.core", .subzone),
                     zone("rapl.package-0.dram", .dram), zone("rapl.package-1", .package),
                     zone("rapl.package-1.dram", .dram)]
        #expect(NodeEnergySelection.choose(from: intel)?.channels
                == ["rapl.package-0", "rapl.package-0.dram", "rapl.package-1", "rapl.package-1.dram"])
        #expect(NodeEnergySelection.choose(from: intel + [zone("rapl.psys", .platform)])?.channels == ["rapl.psys"])
        let estimate = SourceDescriptor(name: "estimate.cpu_energy", kind: .estimated, unit: "J", semantics: .counter,
                                        scope: .node, path: "/proc/stat", energyRole: .cpuEstimate, model: "m",
                                        relativeUncertainty: 0.3)
        let chosen = NodeEnergySelection.choose(from: [estimate])
        #expect(chosen?.kind == .estimated)
        #expect(chosen?.relativeUncertainty == 0.3)
    }
}
