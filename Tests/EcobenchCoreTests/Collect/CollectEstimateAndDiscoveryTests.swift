import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
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
        // Idle second (+100 idle ticks): the curve sees the trailing 2 s, [101 s, 103 s]. At 101 s, half
        // of the first interval: busy +25, busy+idle +50 (interpolated). Over the window: busy 50 − 25 = 25,
        // busy+idle 200 − 50 = 150: ū = 1/6; f = 0.32 + (1/6 − 0.1)/0.4 × 0.43 = 0.3916667; × 10 W × 1 s.
        try tree.write("proc/stat", "cpu  10050 200 3000 80150 500 100 50 125 0 0\n")
        clock.seconds += 1
        let energy = try readProbe(probe)[0]
        #expect(abs(energy - (15 + 3.9166667)) < 1e-6)
        #expect(abs(probe.lastUtilisation - 1.0 / 6) < 1e-12)
    }

    /// A load 1 s on / 1 s off on one CPU (100 ticks/s), TDP 100 W, read every 0.1, 0.25, 0.5 or 1 s.
    /// Per tick the curve gave (f(1) + f(0))/2 = (1.02 + 0.12)/2 = 0.57 TDP at 0.1 s and f(0.5) = 0.75 TDP
    /// at 2 s. Over the 2 s window, ū = 0.5 at every tick after the first 2 s: 0.75 × 100 W × 16 s =
    /// 1200 J between 4 s and 20 s, whatever the interval.
    @Test func estimateDoesNotDependOnTheInterval() throws {
        for interval in [0.1, 0.25, 0.5, 1.0] {
            let tree = try FixtureCopy("intel-2s")
            try tree.write("proc/stat", "cpu  0 0 0 0 0 0 0 0 0 0\n")
            let clock = FakeClock()
            clock.seconds = 0
            let probe = try CPUEstimateProbe(model: CPUPowerModel(tdpWatts: 100, tdpDescription: "TDP 100 W (test)"),
                                             procRoot: tree.root + "/proc", clock: { clock.seconds })
            var atFour = 0.0
            for step in 1...Int((20 / interval).rounded()) {
                let t = Double(step) * interval
                let busy = (0..<Int(t.rounded(.down))).filter { $0 % 2 == 0 }.count * 100
                    + (Int(t.rounded(.down)) % 2 == 0 ? Int(((t - t.rounded(.down)) * 100).rounded()) : 0)
                let idle = Int((t * 100).rounded()) - busy
                try tree.write("proc/stat", "cpu  \(busy) 0 0 \(idle) 0 0 0 0 0 0\n")
                clock.seconds = t
                let energy = try readProbe(probe)[0]
                if abs(t - 4) < 1e-9 { atFour = energy }
                if abs(t - 20) < 1e-9 {
                    #expect(abs(energy - atFour - 1200) < 1e-6, "interval \(interval) s: \(energy - atFour) J")
                }
            }
        }
    }

    /// Whole model words: a 6248R (205 W, 48 threads) is not a 6248, an 8380H not an 8380.
    @Test func tdpTableMatchesWholeModelWords() {
        #expect(CPUTDPTable.lookup("Intel(R) Xeon(R) Gold 6248R CPU @ 3.00GHz") == nil)
        #expect(CPUTDPTable.lookup("Intel(R) Xeon(R) Platinum 8380H CPU @ 2.90GHz") == nil)
        #expect(CPUTDPTable.lookup("Intel(R) Xeon(R) Gold 6248 CPU @ 2.50GHz")?.tdpWatts == 150)
        #expect(CPUTDPTable.lookup("Intel(R) Xeon(R) CPU E5-2686 v4 @ 2.30GHz")?.tdpWatts == 145)
        #expect(CPUTDPTable.lookup("AMD EPYC 7763 64-Core Processor")?.tdpWatts == 280)
        #expect(CPUTDPTable.lookup("AMD EPYC 77630 Processor") == nil)
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
