import EcobenchCore
import Foundation

/// (1) Sampler cost per tick and CPU share at a given rate: RAPL fixture tree (on tmpfs),
/// /proc/stat, /proc/diskstats, /proc/net/dev and the processes of a cgroup, stored in SQLite
/// by the writer thread as in a real run.
enum SamplerBench {
    static func probes(sysfsRoot: String, cgroupPath: String?, detailSeconds: Double = 5) throws -> [any Probe] {
        var probes: [any Probe] = [try RAPLProbe(sysfsRoot: sysfsRoot), try CPUStatProbe(procRoot: "/proc"),
                                   try DiskStatsProbe(procRoot: "/proc", sysfsRoot: "/sys"),
                                   try NetDevProbe(procRoot: "/proc")]
        if let cgroupPath {
            let target = WorkloadTarget()
            let version: WorkloadCgroup.Version =
                FileManager.default.fileExists(atPath: cgroupPath + "/cgroup.controllers") ? .v2 : .v1
            target.setCgroup(WorkloadCgroup.existing(path: cgroupPath, version: version))
            probes.append(WorkloadProbe(target: target,
                                        processDetailIntervalNanoseconds: Int64(detailSeconds * 1e9)))
        }
        return probes
    }

    static func store(path: String, channels: [SourceDescriptor], intervalNanoseconds: Int64) throws
        -> (RunStore, [Int64]) {
        try? FileManager.default.removeItem(atPath: path)
        let store = try RunStore(path: path)
        let id = try store.createRun(NewRun(
            workload: "bench", workloadFile: "bench", workloadYAML: "", functionalUnit: "tick",
            startedAt: "2026-01-01T00:00:00Z", clockStartUnixNanoseconds: MonotonicClock.unixNanoseconds(),
            intervalNanoseconds: intervalNanoseconds, settingsJSON: "{}", hostJSON: "{}", pid: getpid(),
            ecobenchVersion: EcobenchVersion.current))
        return (store, try store.registerSources(runID: id, channels))
    }

    static func run(_ args: BenchArguments) throws {
        let hz = args.double("hz", 10)
        let seconds = args.double("seconds", 30)
        let interval = Int64(1e9 / hz)
        let detail = args.double("process-detail-s", 5)
        let probes = try probes(sysfsRoot: args.string("sysfs-root", "/sys"), cgroupPath: args.options["cgroup"],
                                detailSeconds: detail)
        let channels = probes.flatMap(\.channels)
        let (store, ids) = try store(path: args.string("db", "/dev/shm/ecobench-bench-sampler.db"),
                                     channels: channels, intervalNanoseconds: interval)
        let processCPU0 = BenchClock.processCPUSeconds()
        let start = MonotonicClock.nowNanoseconds()
        let sampler = Sampler(probes: probes, sourceIDs: ids, sink: store, intervalNanoseconds: interval,
                              originNanoseconds: start)
        sampler.start()
        MonotonicClock.sleep(untilNanoseconds: start + Int64(seconds * 1e9))
        sampler.stop()
        let wall = BenchClock.seconds(since: start)
        let processCPU = BenchClock.processCPUSeconds() - processCPU0
        let cost = sampler.threadCosts()
        let processes = probes.last is WorkloadProbe ? "\(Int(sampler.latest().values.last ?? 0))" : "0"
        let own = cost.samplerCPUSeconds + cost.writerCPUSeconds
        print("sampler hz=\(format(hz, 0)) channels=\(channels.count) processes=\(processes) ticks=\(cost.ticks) "
              + "process_detail_s=\(format(detail, 1)) wall_s=\(format(wall, 1))")
        print("  sampler_us_per_tick=\(format(cost.samplerCPUSeconds / Double(max(1, cost.ticks)) * 1e6, 1)) "
              + "writer_us_per_tick=\(format(cost.writerCPUSeconds / Double(max(1, cost.ticks)) * 1e6, 1)) "
              + "cpu_share_of_one_core_pct=\(format(own / wall * 100, 4)) "
              + "process_cpu_share_pct=\(format(processCPU / wall * 100, 4)) "
              + "peak_rss_mb=\(format(Double(RunOverhead.peakRSSBytes() ?? 0) / 1e6, 1)) "
              + "problems=\(sampler.problems().count)")
        for problem in sampler.problems().prefix(3) { print("  problem: \(problem)") }
    }
}
