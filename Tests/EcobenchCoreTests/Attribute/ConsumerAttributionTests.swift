import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchAttribute
@testable import EcobenchReport

/// Two services measured apart and the load generator: one CPU-time split with four consumers
/// (the workload cgroup itself, each service, the load generator); the services add up to the
/// workload, the load generator is neither the workload's nor unattributed, and
/// workload + load generator + unattributed = node energy.
@Suite struct ConsumerAttributionTests {
    static let s: Int64 = 1_000_000_000
    let windows = [PhaseWindow(repetition: 1, name: .baseline, startNanoseconds: 0, endNanoseconds: 10 * s),
                   PhaseWindow(repetition: 1, name: .load, startNanoseconds: 10 * s, endNanoseconds: 30 * s,
                               functionalUnits: 100)]
    let sources = [SourceDescriptor(name: "rapl.package-0", kind: .measured, unit: "J", semantics: .counter,
                                    scope: .node, path: "p", energyRole: .package)]

    /// Baseline (10 s): 20 W, 0.1 busy CPU-s/s, no consumer CPU. Load (20 s): 50 W, 1 busy
    /// CPU-s/s; CPU-s/s of the workload cgroup 0.05, web 0.25, db 0.15, load generator 0.3;
    /// read B/s: workload cgroup 10, web 100.
    var series: GPUPiecewiseSeries {
        GPUPiecewiseSeries(stretches: [
            (0, 10 * Self.s, ["rapl.package-0": 20, "node.cpu.busy_seconds": 0.1, "workload.cpu_seconds": 0,
                              "service.web.cpu_seconds": 0, "service.db.cpu_seconds": 0,
                              "load_generator.cpu_seconds": 0]),
            (10 * Self.s, 30 * Self.s, ["rapl.package-0": 50, "node.cpu.busy_seconds": 1, "workload.cpu_seconds": 0.05,
                                        "service.web.cpu_seconds": 0.25, "service.db.cpu_seconds": 0.15,
                                        "load_generator.cpu_seconds": 0.3, "workload.io_read_bytes": 10,
                                        "service.web.io_read_bytes": 100]),
        ])
    }

    func attribute(_ policy: IdlePolicy) throws -> [PhaseAttribution] {
        let selection = try #require(NodeEnergySelection.choose(from: sources))
        let attributor = Attributor(selection: selection, energyChannels: sources.map(\.name), idlePolicy: policy,
                                    serviceNames: ["web", "db"], hasLoadGenerator: true)
        return try attributor.attribute(windows, series: series)
    }

    @Test func servicesAndLoadGeneratorShareTheOneSplit() throws {
        let phases = try attribute(.none)
        // Baseline: 20 W × 10 s = 200 J, nobody's CPU: all unattributed.
        #expect(abs(phases[0].nodeEnergyJoules - 200) < 1e-9)
        #expect(abs(phases[0].unattributedEnergyJoules - 200) < 1e-9)
        #expect(phases[0].loadGeneratorEnergyJoules == 0)
        let load = phases[1]
        // Node 50 W × 20 s = 1000 J; idle 20 W × 20 s = 400 J; dynamic 600 J.
        #expect(abs(load.nodeEnergyJoules - 1000) < 1e-9)
        #expect(abs(load.dynamicEnergyJoules - 600) < 1e-9)
        // Busy 20 s − background 0.1 × 20 = 2 s → 18 s; consumers 1 + 5 + 3 + 6 = 15 s ≤ 18: denominator 18 s.
        let web = try #require(load.services.first { $0.name == "web" })
        let db = try #require(load.services.first { $0.name == "db" })
        let generator = try #require(load.loadGenerator)
        #expect(abs(web.cpuSeconds - 5) < 1e-9 && abs(db.cpuSeconds - 3) < 1e-9 && abs(generator.cpuSeconds - 6) < 1e-9)
        #expect(abs(web.dynamicEnergyJoules - 600 * 5 / 18) < 1e-9)        // 166.67 J
        #expect(abs(db.dynamicEnergyJoules - 100) < 1e-9)                 // 600 × 3/18
        #expect(abs(generator.dynamicEnergyJoules - 200) < 1e-9)          // 600 × 6/18
        // Workload: cgroup 1 s + web 5 s + db 3 s = 9 s → 600 × 9/18 = 300 J.
        #expect(abs(load.workloadCPUSeconds - 9) < 1e-9)
        #expect(abs(load.workloadEnergyJoules - 300) < 1e-9)
        #expect(abs(load.loadGeneratorEnergyJoules - 200) < 1e-9)
        // Unattributed: idle 400 J + dynamic not claimed 600 × 3/18 = 100 J → 500 J; 300 + 200 + 500 = 1000.
        #expect(abs(load.unattributedEnergyJoules - 500) < 1e-9)
        #expect(abs(load.workloadEnergyJoules + load.loadGeneratorEnergyJoules + load.unattributedEnergyJoules
                    - load.nodeEnergyJoules) < 1e-9)
        // I/O: cgroup 10 B/s × 20 s + web 100 B/s × 20 s = 2200 B.
        #expect(abs(load.workloadIOReadBytes - 2200) < 1e-9)
        #expect(abs(web.ioReadBytes - 2000) < 1e-9)
    }

    @Test func proportionalIdleGoesToServicesNotTheLoadGenerator() throws {
        let load = try attribute(.proportional)[1]
        // Idle 400 J × web's 5/18 = 111.11 J; workload 400 × 9/18 = 200 J; load generator none.
        let web = try #require(load.services.first { $0.name == "web" })
        #expect(abs(web.idleEnergyJoules - 400 * 5 / 18) < 1e-9)
        #expect(abs(load.workloadIdleEnergyJoules - 200) < 1e-9)
        #expect(load.loadGenerator?.idleEnergyJoules == 0)
        // 1000 − (300 + 200) − 200 = 300 J unattributed (idle 200 + dynamic 100).
        #expect(abs(load.unattributedEnergyJoules - 300) < 1e-9)
    }

    @Test func reportRowsPerServiceAndLoadGenerator() throws {
        let rows = try #require(ReportConsumer.build(phases: try attribute(.none), gauges: []))
        #expect(rows.map(\.name) == ["web", "db", "load_generator"])
        #expect(rows.map(\.role) == [.service, .service, .loadGenerator])
        // Per unit: load-phase energy over 100 units: web 166.67 / 100, load generator 200 / 100.
        #expect(abs((rows[0].energyPerUnitJ ?? 0) - 600.0 * 5 / 18 / 100) < 1e-9)
        #expect(abs((rows[2].energyPerUnitJ ?? 0) - 2) < 1e-9)
        #expect(abs(rows[2].energyJ - 200) < 1e-9)
    }
}
