import Foundation
import Testing
@testable import EcobenchCore
import EcobenchTestSupport

/// A settable clock for the estimate probe (tests run it on one thread).
final class FakeClock: @unchecked Sendable {
    var seconds: Double = 100
}

@Suite("Collect: CPU estimate, discovery, host info")
struct CollectEstimateAndDiscoveryTests {
    @Test func curveAnchorsAndInterpolation() {
        #expect(CPUPowerModel.tdpRatio(utilisation: 0) == 0.12)
        #expect(CPUPowerModel.tdpRatio(utilisation: 0.1) == 0.32)
        #expect(CPUPowerModel.tdpRatio(utilisation: 0.5) == 0.75)
        #expect(CPUPowerModel.tdpRatio(utilisation: 1) == 1.02)
        #expect(abs(CPUPowerModel.tdpRatio(utilisation: 0.05) - 0.22) < 1e-12)
        #expect(abs(CPUPowerModel.tdpRatio(utilisation: 0.3) - 0.535) < 1e-12)
        #expect(abs(CPUPowerModel.tdpRatio(utilisation: 0.75) - 0.885) < 1e-12)
        #expect(CPUPowerModel.tdpRatio(utilisation: 1.5) == 1.02)
        #expect(CPUPowerModel.tdpRatio(utilisation: -1) == 0.12)
    }

    @Test func tdpResolution() {
        let user = CPUPowerModel.resolve(cpuTDPWatts: 65, cpuModel: "AMD EPYC 7763 64-Core Processor", logicalCPUs: 2)
        #expect(user.tdpWatts == 65)
        #expect(user.modelDescription == "Teads/Boavizta TDP load curve, TDP 65 W (user-supplied)")
        let table = CPUPowerModel.resolve(cpuTDPWatts: nil, cpuModel: "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz", logicalCPUs: 4)
        #expect(table.tdpWatts == 13.5)
        #expect(table.tdpDescription.contains("Xeon Platinum 8380"))
        let unknown = CPUPowerModel.resolve(cpuTDPWatts: nil, cpuModel: "AMD EPYC", logicalCPUs: 2)
        #expect(unknown.tdpWatts == 7)
        #expect(unknown.modelDescription.hasPrefix("Teads/Boavizta TDP load curve, TDP 3.5 W/vCPU × 2 (assumed: Cloud Carbon Footprint"))
        #expect(unknown.relativeUncertainty == CPUPowerModel.assumedRelativeUncertainty)
    }

    @Test func estimateIntegratesPowerOverElapsedTime() throws {
        let tree = try FixtureCopy("intel-2s")
        let clock = FakeClock()
        let probe = try CPUEstimateProbe(model: CPUPowerModel(tdpWatts: 10, tdpDescription: "TDP 10 W (test)"),
                                         procRoot: tree.root + "/proc", clock: { clock.seconds })
        let channel = probe.channels[0]
        #expect(channel.name == "estimate.cpu_energy" && channel.kind == .estimated)
        #expect(channel.energyRole == .cpuEstimate && channel.unit == "J" && channel.semantics == .counter)
        #expect(channel.relativeUncertainty == 0.3)
        // +50 busy (user), +50 idle, +100 steal ticks over 2 s: u = 50/100 → 0.75 × 10 W × 2 s.
        try tree.write("proc/stat", "cpu  10050 200 3000 80050 500 100 50 125 0 0\n")
        clock.seconds += 2
        #expect(try readProbe(probe) == [15])
        #expect(probe.lastUtilisation == 0.5)
        // Idle second: 0.12 × 10 W × 1 s more.
        try tree.write("proc/stat", "cpu  10050 200 3000 80150 500 100 50 125 0 0\n")
        clock.seconds += 1
        #expect(try readProbe(probe) == [15 + 1.2])
    }

    @Test func discoveryOnIntelUsesRAPLAndNoEstimate() throws {
        let target = WorkloadTarget()
        let found = try SourceDiscovery.probes(sysfsRoot: Fixtures.path("intel-2s/sys"),
                                               procRoot: Fixtures.path("intel-2s/proc"), workload: target)
        let names = found.probes.flatMap { $0.channels.map(\.name) }
        #expect(names.contains("rapl.package-1.dram"))
        #expect(names.contains("node.cpu.busy_seconds"))
        #expect(names.contains("node.disk.read_bytes") && names.contains("node.net.tx_bytes"))
        #expect(names.contains("node.memory.used_bytes") && names.contains("workload.cpu_seconds"))
        #expect(!names.contains("estimate.cpu_energy"))
        #expect(Set(names).count == names.count)
    }

    @Test func discoveryWithoutRAPLEstimates() throws {
        let found = try SourceDiscovery.probes(sysfsRoot: "/nonexistent-ecobench",
                                               procRoot: Fixtures.path("intel-2s/proc"), cpuTDPWatts: 65)
        let channels = found.probes.flatMap(\.channels)
        let estimate = try #require(channels.first { $0.name == "estimate.cpu_energy" })
        #expect(estimate.model == "Teads/Boavizta TDP load curve, TDP 65 W (user-supplied)")
        #expect(!channels.contains { $0.name.hasPrefix("rapl.") })
        #expect(!channels.contains { $0.name.hasPrefix("workload.") })
        #expect(found.notes.contains { $0.contains("/nonexistent-ecobench/class/powercap") })
        #expect(found.notes.contains { $0.contains("ESTIMATED") })
    }

    @Test func discoveryOnThisMachine() throws {
        let found = try SourceDiscovery.probes()
        for probe in found.probes {
            let values = try readProbe(probe)
            #expect(values.count == probe.channels.count)
        }
    }

    @Test func hostInfoFromFixtureAndTolerance() throws {
        let host = HostInfo.read(procRoot: Fixtures.path("intel-2s/proc"), sysfsRoot: Fixtures.path("intel-2s/sys"),
                                 osReleasePath: "/nonexistent-ecobench")
        #expect(host.cpuModel == "Intel(R) Xeon(R) Platinum 8380 CPU @ 2.30GHz")
        #expect(host.logicalCPUs == 4)
        #expect(host.sockets == 2)
        #expect(host.memoryBytes == Int64(24684084 * 1024))
        #expect(host.kernel == "6.1.0-28-amd64")
        #expect(host.hostname == "testhost")
        #expect(host.os == nil)
        let bare = HostInfo.read(procRoot: "/nonexistent-ecobench", sysfsRoot: "/nonexistent-ecobench")
        #expect(bare.logicalCPUs >= 1)
        #expect(bare.cpuModel == nil && bare.memoryBytes == nil)
        let real = HostInfo.read()
        #expect(real.os != nil && real.kernel != nil)
        let data = try JSONEncoder().encode(real)
        #expect(try JSONDecoder().decode(HostInfo.self, from: data) == real)
    }
}
