import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport

/// NVML's per-process utilisation and memory, against `FakeNVML`: a STAND-IN compiled from
/// Tests/tools/fake_nvml/fake_nvml.c, because no NVIDIA GPU or driver exists where these tests
/// run. It keeps NVML's signatures, return codes, struct layouts and two-call protocol.
@Suite("NVML per-process GPU utilisation (stand-in library)")
struct NVMLProcessTests {
    @Test func resolvesThePerProcessFunctionsAndPrefersTheV2ProcessList() throws {
        let fake = try FakeNVML(config: "gpu 0 30000 150000\n")
        defer { fake.remove() }
        let library = try NVMLLibrary(name: fake.libraryPath)
        #expect(library.getProcessUtilization != nil)
        #expect(library.getRunningProcesses?.name == "nvmlDeviceGetComputeRunningProcesses_v2")
        #expect(library.getRunningProcesses?.strideBytes == 24)
        let (probe, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let found = try #require(probe, "\(note)")
        #expect(found.channels.map(\.name) == ["nvml.gpu0.energy"])
        #expect(found.channels.allSatisfy { $0.energyRole == .gpu && $0.kind == .measured && $0.unit == "J" })
        #expect(found.processReader?.offers == [GPUProcessOffer(gpu: 0, path: found.channels[0].path, memory: true)])
        #expect(note.contains("per-process utilisation: gpu0 (SM %, memory)"), "\(note)")
    }

    @Test func anOlderDriverWithoutThePerProcessFunctionsStillGivesEnergyAndSaysSoOnce() throws {
        let fake = try FakeNVML(variant: .noProcessAPI, config: "gpu 0 30000 150000\ngpu 1 20000 20000\n")
        defer { fake.remove() }
        let library = try NVMLLibrary(name: fake.libraryPath)
        #expect(library.getProcessUtilization == nil && library.getRunningProcesses == nil)
        let (probe, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let found = try #require(probe, "\(note)")
        #expect(found.channels.map(\.name) == ["nvml.gpu0.energy", "nvml.gpu1.energy"])
        #expect(found.processReader == nil)
        #expect(note.components(separatedBy: "not offered").count == 2, "said once: \(note)")
        #expect(note.contains("has no nvmlDeviceGetProcessUtilization"), "\(note)")
    }

    @Test func theUnversionedProcessListIsReadWithItsSixteenByteLayout() throws {
        let fake = try FakeNVML(variant: .v1ProcessesOnly,
                                config: "gpu 0 1 1\nproc 0 101 10 1000\nproc 0 102 20 2000\nproc 0 103 30 3000\n")
        defer { fake.remove() }
        let library = try NVMLLibrary(name: fake.libraryPath)
        #expect(library.getRunningProcesses?.name == "nvmlDeviceGetComputeRunningProcesses")
        #expect(library.getRunningProcesses?.strideBytes == 16)
        guard case .values(let processes) = try library.runningProcesses(try library.device(at: 0)) else {
            Issue.record("the process list was not offered")
            return
        }
        #expect(processes == [.init(pid: 101, usedBytes: 1000), .init(pid: 102, usedBytes: 2000),
                              .init(pid: 103, usedBytes: 3000)])
    }

    @Test func queriesFollowTheTwoCallProtocolAndReadOnlyNewSamples() throws {
        let fake = try FakeNVML(config: "gpu 0 1 1\nproc 0 201 40 4096\nproc 0 202 25 8192\nproc 0 203 0 16384\n")
        defer { fake.remove() }
        let library = try NVMLLibrary(name: fake.libraryPath)
        let device = try library.device(at: 0)
        guard case .values(let samples) = try library.processUtilization(device, newerThan: 0),
              case .values(let processes) = try library.runningProcesses(device) else {
            Issue.record("not offered")
            return
        }
        // Only processes that used the SMs have a sample, as the driver does.
        #expect(samples.count == 2)
        #expect(Dictionary(samples.map { ($0.pid, $0.smPercent) }, uniquingKeysWith: +) == [201: 40, 202: 25])
        #expect(processes.map(\.pid) == [201, 202, 203] && processes.map(\.usedBytes) == [4096, 8192, 16384])
        let calls = fake.calls()
        #expect(calls.count == 4, "\(calls)")
        // First the count (no buffer: INSUFFICIENT_SIZE = 7 and the count), then the buffer.
        #expect(calls[0].hasPrefix("nvmlDeviceGetProcessUtilization gpu=0 buffer=null count_in=0 last_seen=0 rc=7 count_out=2"))
        #expect(calls[1].hasPrefix("nvmlDeviceGetProcessUtilization gpu=0 buffer=set count_in=6 last_seen=0 rc=0 count_out=2"))
        #expect(calls[2] == "nvmlDeviceGetComputeRunningProcesses_v2 gpu=0 buffer=null count_in=0 last_seen=0 rc=7 count_out=3")
        #expect(calls[3].contains("buffer=set count_in=7") && calls[3].contains("rc=0 count_out=3"))
        // Newer than the newest sample seen: nothing new is NOT_FOUND (6), an empty list.
        let newest = try #require(samples.map(\.timeStampMicroseconds).max())
        guard case .values(let none) = try library.processUtilization(device, newerThan: newest + 10_000_000) else {
            Issue.record("not offered")
            return
        }
        #expect(none.isEmpty)
        #expect(fake.calls().last?.contains("rc=6 count_out=0") == true)
    }

    @Test func theReaderAveragesAProcessesSamplesAndPassesTheLastTimestampSeen() throws {
        let fake = try FakeNVML(config: "gpu 0 1 1\nsamples 4\nsample_every_ms 1\nproc 0 301 50 100\n")
        defer { fake.remove() }
        let (probe, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let reader = try #require(probe?.processReader, "\(note)")
        usleep(50_000)  // the stand-in samples every millisecond: more than four newer than discovery
        let first = try reader.usage(gpu: 0)
        // Four samples of 55, 45, 55, 45 % from the stand-in: their mean.
        #expect(first.smPercent == [301: 50])
        #expect(first.memoryBytes == [301: 100])
        _ = try reader.usage(gpu: 0)
        let seen = fake.calls().filter { $0.hasPrefix("nvmlDeviceGetProcessUtilization") && $0.contains("buffer=null") }
            .compactMap { line in line.split(separator: " ").first { $0.hasPrefix("last_seen=") }
                .flatMap { UInt64($0.dropFirst("last_seen=".count)) } }
        // Discovery asks from 0; each read then asks only for samples newer than the newest it saw.
        #expect(seen.count == 3, "\(fake.calls())")
        #expect(seen.count == 3 && seen[0] == 0 && seen[1] > 0 && seen[2] > seen[1], "\(seen)")
    }

    @Test func notSupportedMeansNotOfferedNotAnError() throws {
        let fake = try FakeNVML(config: "gpu 0 1 1\ngpu 1 1 1\nutil_status 0 3\nprocs_status 1 3\nproc 1 401 10 10\n")
        defer { fake.remove() }
        let (probe, note) = NVMLProbe.discover(libraryName: fake.libraryPath)
        let found = try #require(probe, "\(note)")
        #expect(found.channels.count == 2)
        #expect(found.processReader?.offers.map(\.gpu) == [1])
        #expect(found.processReader?.offers.first?.memory == false)
        #expect(note.contains("gpu0: per-process utilisation not offered (nvmlDeviceGetProcessUtilization: not supported on this GPU)"),
                "\(note)")
        #expect(note.contains("gpu1: per-process GPU memory not offered"), "\(note)")
        let usage = try #require(try found.processReader?.usage(gpu: 1))
        #expect(usage.smPercent == [401: 10] && usage.memoryBytes == nil)
    }
}
