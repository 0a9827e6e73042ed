import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchAttribute
@testable import EcobenchReport

/// Counters rising at a constant rate within each stretch of time (per second).
struct GPUPiecewiseSeries: CounterSeries {
    var stretches: [(startNanoseconds: Int64, endNanoseconds: Int64, rates: [String: Double])]

    func value(of channel: String, at t: Int64) throws -> Double? {
        guard stretches.contains(where: { $0.rates[channel] != nil }) else { return nil }
        return stretches.reduce(0) { total, stretch in
            let overlap = max(0, min(t, stretch.endNanoseconds) - stretch.startNanoseconds)
            return total + (stretch.rates[channel] ?? 0) * Double(overlap) / 1e9
        }
    }
}

/// A GPU's energy goes to the workload by its share of SM time (NVML per-process utilisation),
/// the rest of the dynamic energy by CPU time; energy is conserved either way.
@Suite struct GPUAttributionTests {
    static let s: Int64 = 1_000_000_000
    let windows = [PhaseWindow(repetition: 1, name: .baseline, startNanoseconds: 0, endNanoseconds: 10 * s),
                   PhaseWindow(repetition: 1, name: .load, startNanoseconds: 10 * s, endNanoseconds: 30 * s)]

    func sources(wall: Bool = false) -> [SourceDescriptor] {
        var out = [
            SourceDescriptor(name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter, scope: .node,
                             path: "p", energyRole: .package),
            SourceDescriptor(name: "nvml.gpu0.energy", kind: .measured, unit: "J", semantics: .counter, scope: .node,
                             path: "g", energyRole: .gpu),
        ]
        if wall {
            out.append(SourceDescriptor(name: "ipmi.dcmi.energy", kind: .measured, unit: "J", semantics: .counter,
                                        scope: .node, path: "i", energyRole: .wall))
        }
        return out
    }

    /// Baseline: package 20 W, GPU 30 W, wall 60 W. Load: package `packageLoadW`, GPU 130 W, wall
    /// 200 W; the workload has half the busy CPU time and 0.6 of the 0.8 SM-seconds per second.
    func series(packageLoadW: Double = 50) -> GPUPiecewiseSeries {
        GPUPiecewiseSeries(stretches: [
            (0, 10 * Self.s, ["rapl.package-0": 20, "nvml.gpu0.energy": 30, "ipmi.dcmi.energy": 60,
                              "node.cpu.busy_seconds": 0.1, "workload.cpu_seconds": 0,
                              "workload.gpu0.sm_seconds": 0, "nvml.gpu0.sm_seconds": 0]),
            (10 * Self.s, 30 * Self.s, ["rapl.package-0": packageLoadW, "nvml.gpu0.energy": 130, "ipmi.dcmi.energy": 200,
                                        "node.cpu.busy_seconds": 1, "workload.cpu_seconds": 0.5,
                                        "workload.gpu0.sm_seconds": 0.6, "nvml.gpu0.sm_seconds": 0.8]),
        ])
    }

    func attribute(_ sources: [SourceDescriptor], _ series: GPUPiecewiseSeries, gpus: [Int]) throws -> PhaseAttribution {
        let selection = try #require(NodeEnergySelection.choose(from: sources))
        let attributor = Attributor(selection: selection, energyChannels: sources.map(\.name), gpusWithProcessData: gpus)
        let phases = try attributor.attribute(windows, series: series)
        for phase in phases {
            #expect(abs(phase.workloadEnergyJoules + phase.unattributedEnergyJoules - phase.nodeEnergyJoules) < 1e-9)
            #expect(phase.workloadDynamicEnergyJoules <= phase.dynamicEnergyJoules + 1e-9)
        }
        return try #require(phases.last)
    }

    @Test func theGPUsDynamicEnergyGoesBySMShareTheRestByCPUShare() throws {
        let load = try attribute(sources(), series(), gpus: [0])
        // Node 180 W × 20 s = 3600 J, baseline 50 W → dynamic 2600 J. GPU 2600 J, baseline 30 W →
        // dynamic 2000 J at SM share 0.75 → 1500 J; the other 600 J at CPU share 5/9 → 333.33 J
        // (busy 1 × 20 = 20 CPU-s less the baseline's background 0.1 × 20 = 2: 10 / 18 = 5/9).
        #expect(abs(load.dynamicEnergyJoules - 2600) < 1e-6)
        let gpu = try #require(load.gpuShares.first)
        #expect(gpu.gpu == 0 && abs(gpu.smShare - 0.75) < 1e-12)
        #expect(abs(gpu.workloadSMSeconds - 12) < 1e-9 && abs(gpu.allSMSeconds - 16) < 1e-9)
        #expect(abs((gpu.energyJoules ?? 0) - 2600) < 1e-6 && abs((gpu.baselinePowerWatts ?? 0) - 30) < 1e-9)
        #expect(abs((gpu.dynamicEnergyJoules ?? 0) - 2000) < 1e-6)
        #expect(abs((gpu.workloadDynamicEnergyJoules ?? 0) - 1500) < 1e-6)
        #expect(abs(load.workloadDynamicEnergyJoules - (1500 + 600 * 5.0 / 9)) < 1e-6)
    }

    @Test func withoutPerProcessDataTheCPUShareCoversEverything() throws {
        let load = try attribute(sources(), series(), gpus: [])
        #expect(load.gpuShares.isEmpty)
        // CPU share 10 / (20 − 2) = 5/9 (baseline-corrected busy CPU).
        #expect(abs(load.workloadDynamicEnergyJoules - 2600 * 5.0 / 9) < 1e-6)
    }

    @Test func aGPUAboveItsBaselineWhileTheCPUIsBelowNeverExceedsTheNodesDynamicEnergy() throws {
        // Package 10 W under load (below its 20 W baseline): node 140 W × 20 s = 2800 J, dynamic
        // 1800 J, while the GPU alone is 2000 J above its baseline: it is scaled to 1800 J.
        let load = try attribute(sources(), series(packageLoadW: 10), gpus: [0])
        let gpu = try #require(load.gpuShares.first)
        #expect(abs((gpu.dynamicEnergyJoules ?? 0) - 1800) < 1e-6)
        #expect(abs(load.workloadDynamicEnergyJoules - 1800 * 0.75) < 1e-6)
    }

    @Test func underAWallMeterTheSMShareIsReportedNotUsed() throws {
        let load = try attribute(sources(wall: true), series(), gpus: [0])
        let gpu = try #require(load.gpuShares.first)
        #expect(abs(gpu.smShare - 0.75) < 1e-12)
        #expect(gpu.energyJoules == nil && gpu.workloadDynamicEnergyJoules == nil)
        // Wall 200 W × 20 s = 4000 J, baseline 60 W → dynamic 2800 J, by CPU time only (share 10 / 18).
        #expect(abs(load.workloadDynamicEnergyJoules - 2800 * 5.0 / 9) < 1e-6)
    }

    @Test func theApplicationSumsTheGPUsFiguresOverPhases() throws {
        let selection = try #require(NodeEnergySelection.choose(from: sources()))
        let phases = try Attributor(selection: selection, energyChannels: [], gpusWithProcessData: [0])
            .attribute(windows, series: series())
        let gauge = ReportGauge(name: "workload.gpu0.memory_bytes", unit: "B", kind: .measured, samples: 3,
                                min: 0, mean: 1e6, max: 2e6)
        let gpus = try #require(ReportApplicationGPU.build(phases: phases, gauges: [gauge]))
        #expect(gpus.count == 1)
        #expect(gpus[0].source == "NVML per-process utilisation (GPU 0)" && gpus[0].kind == .measured)
        #expect(abs(gpus[0].smSeconds - 12) < 1e-9 && abs(gpus[0].allSmSeconds - 16) < 1e-9)
        #expect(abs(gpus[0].meanSmPercent - 12.0 / 30 * 100) < 1e-9)
        #expect(gpus[0].maxMemoryBytes == 2e6)
        #expect(abs((gpus[0].energyJ ?? 0) - 1500) < 1e-6)
        #expect(ReportApplicationGPU.build(phases: phases.map { var p = $0; p.gpuShares = []; return p }, gauges: []) == nil)
    }
}
