import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport

/// Per-process GPU figures reach the workload's channels: for the processes the workload probe
/// follows on this machine's real /proc, not for others. The GPU side is `FakeNVML`, a STAND-IN
/// for libnvidia-ml.so.1 (no NVIDIA GPU or driver exists here) that reports the pids it is told.
@Suite("NVML per-process GPU utilisation in the workload probe (stand-in library)")
struct NVMLWorkloadTests {
    @Test func theTrackedProcessIsCountedAndAForeignOneIsNot() throws {
        let workload = try startShell("exec sleep 30")
        let foreign = try startShell("exec sleep 30")
        defer {
            kill(workload.processIdentifier, SIGKILL)
            kill(foreign.processIdentifier, SIGKILL)
            workload.waitUntilExit()
            foreign.waitUntilExit()
        }
        let fake = try FakeNVML(config: """
            gpu 0 30000 150000
            proc 0 \(workload.processIdentifier) 60 1000000
            proc 0 \(foreign.processIdentifier) 30 5000000

            """)
        defer { fake.remove() }
        let (nvml, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let reader = try #require(nvml?.processReader, "\(note)")
        let target = WorkloadTarget()
        target.addRootPID(workload.processIdentifier)
        let probe = WorkloadProbe(target: target, gpuReader: reader)
        #expect(probe.channels.map(\.name) == WorkloadProbe.channelNames
                    + ["workload.gpu0.sm_seconds", "nvml.gpu0.sm_seconds", "workload.gpu0.memory_bytes"])
        let gpuChannels = probe.channels.dropFirst(5)
        #expect(gpuChannels.allSatisfy { $0.kind == .measured && $0.path.contains("NVML per-process") })
        #expect(gpuChannels.map(\.scope) == [.workload, .node, .workload])
        #expect(gpuChannels.map(\.semantics) == [.counter, .counter, .gauge])

        let start = try readProbe(probe)  // the first read only sets the start
        #expect(value("workload.gpu0.sm_seconds", in: start, of: probe) == 0)
        #expect(value("workload.gpu0.memory_bytes", in: start, of: probe) == 1_000_000)
        usleep(200_000)
        probe.prepareForBoundaryTick()  // a phase boundary: read the GPU now, not in 5 s
        let end = try readProbe(probe)
        let workloadSM = try #require(value("workload.gpu0.sm_seconds", in: end, of: probe))
        let allSM = try #require(value("nvml.gpu0.sm_seconds", in: end, of: probe))
        #expect(workloadSM > 0)
        // 60 % of 90 % over the same stretch: the foreign process's 30 % is not the workload's.
        #expect(abs(workloadSM / allSM - 60.0 / 90.0) < 1e-9, "\(workloadSM) of \(allSM)")
        // Only the tracked process's memory.
        #expect(value("workload.gpu0.memory_bytes", in: end, of: probe) == 1_000_000)

        // Between detail reads the counters hold their values.
        let between = try readProbe(probe)
        #expect(value("workload.gpu0.sm_seconds", in: between, of: probe) == workloadSM)
    }

    @Test func aFailedReadIsAGapAndTheCountersResume() throws {
        let fake = try FakeNVML(config: "gpu 0 1 1\nproc 0 999999 50 10\n")
        defer { fake.remove() }
        let (nvml, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let probe = WorkloadProbe(target: WorkloadTarget(), gpuReader: try #require(nvml?.processReader, "\(note)"))
        _ = try readProbe(probe)
        usleep(50_000)
        probe.prepareForBoundaryTick()
        let before = try #require(value("nvml.gpu0.sm_seconds", in: try readProbe(probe), of: probe))
        #expect(before > 0)
        try fake.write(config: "gpu 0 1 1\nproc 0 999999 50 10\nutil_status 0 999\n")  // NVML_ERROR_UNKNOWN
        probe.prepareForBoundaryTick()
        let failed = try readProbe(probe)
        #expect(value("nvml.gpu0.sm_seconds", in: failed, of: probe)?.isNaN == true)
        #expect(value("workload.cpu_seconds", in: failed, of: probe)?.isNaN == false)
        try fake.write(config: "gpu 0 1 1\nproc 0 999999 50 10\n")
        probe.prepareForBoundaryTick()
        let after = try #require(value("nvml.gpu0.sm_seconds", in: try readProbe(probe), of: probe))
        #expect(after >= before)
        // A process that is not the workload's: no SM time and no memory for the workload.
        #expect(value("workload.gpu0.sm_seconds", in: try readProbe(probe), of: probe) == 0)
        #expect(value("workload.gpu0.memory_bytes", in: try readProbe(probe), of: probe) == 0)
    }

    @Test func memoryTheDriverDoesNotTellIsAGapNotZero() throws {
        let workload = try startShell("exec sleep 30")
        defer {
            kill(workload.processIdentifier, SIGKILL)
            workload.waitUntilExit()
        }
        // usedGpuMemory = NVML_VALUE_NOT_AVAILABLE (ULLONG_MAX), as for another user's process.
        let fake = try FakeNVML(config: "gpu 0 1 1\nproc 0 \(workload.processIdentifier) 50 18446744073709551615\n")
        defer { fake.remove() }
        let (nvml, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let target = WorkloadTarget()
        target.addRootPID(workload.processIdentifier)
        let probe = WorkloadProbe(target: target, gpuReader: try #require(nvml?.processReader, "\(note)"))
        let values = try readProbe(probe)
        #expect(value("workload.gpu0.memory_bytes", in: values, of: probe)?.isNaN == true)
        #expect(value("workload.gpu0.sm_seconds", in: values, of: probe) == 0)
    }

    @Test func withoutTheLibraryTheGPUIsSimplyAbsent() throws {
        var options = SourceOptions()
        options.hwmon = false
        options.profileDirectory = nil
        options.nvmlLibrary = "/nonexistent/ecobench/libnvidia-ml.so.1"
        let (probes, notes) = try SourceDiscovery.probes(options: options, workload: WorkloadTarget())
        let channels = probes.flatMap(\.channels).map(\.name)
        #expect(!channels.contains { $0.contains("gpu") }, "\(channels)")
        #expect(probes.compactMap { $0 as? WorkloadProbe }.first?.channels.map(\.name) == WorkloadProbe.channelNames)
        #expect(notes.contains { $0.hasPrefix("NVML not available: /nonexistent/ecobench/libnvidia-ml.so.1 not found") },
                "\(notes)")
    }

    @Test func withTheLibraryDiscoveryWiresTheGPUIntoTheWorkloadProbe() throws {
        let fake = try FakeNVML(config: "gpu 0 30000 30000\n")
        defer { fake.remove() }
        var options = SourceOptions()
        options.hwmon = false
        options.profileDirectory = nil
        options.nvmlLibrary = fake.libraryPath
        let (probes, notes) = try SourceDiscovery.probes(options: options, workload: WorkloadTarget())
        let channels = probes.flatMap(\.channels).map(\.name)
        #expect(channels.contains("nvml.gpu0.energy"))
        #expect(probes.compactMap { $0 as? WorkloadProbe }.first?.channels.map(\.name).suffix(3)
                    == ["workload.gpu0.sm_seconds", "nvml.gpu0.sm_seconds", "workload.gpu0.memory_bytes"])
        #expect(notes.contains { $0.contains("per-process utilisation: gpu0") }, "\(notes)")
    }
}
