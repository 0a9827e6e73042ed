import EcobenchCore
import Foundation

/// (5) and (9) Attribution + JSON/CSV reports of a synthetic long run (default 1 hour at 10 Hz,
/// `--hours 24` for a day: 20.7 M samples; the channels of a 2-socket RAPL host and a 200-process
/// workload), written straight into a database; `analysis-write` prints the file's bytes (database +
/// WAL) after the write and after a checkpoint that truncates the WAL; `analysis-report` runs in
/// its own process so its peak RSS is the analysis alone.
enum AnalysisBench {
    static func channels() -> [SourceDescriptor] {
        var out: [SourceDescriptor] = []
        for (zone, role) in [("package-0", EnergyRole.package), ("package-1", .package), ("dram-0", .dram),
                             ("dram-1", .dram)] {
            out.append(SourceDescriptor(name: "rapl.\(zone)", kind: .measured, unit: "J", semantics: .counter,
                                        scope: .node, path: "/sys/class/powercap/\(zone)", energyRole: role))
        }
        out += CPUStatProbe.channelNames.map {
            SourceDescriptor(name: $0, kind: .measured, unit: "s", semantics: .counter, scope: .node, path: "/proc/stat")
        }
        for name in ["node.disk.read_bytes", "node.disk.write_bytes", "node.net.rx_bytes", "node.net.tx_bytes"] {
            out.append(SourceDescriptor(name: name, kind: .measured, unit: "B", semantics: .counter, scope: .node,
                                        path: "/proc"))
        }
        out.append(SourceDescriptor(name: "node.memory.used_bytes", kind: .measured, unit: "B", semantics: .gauge,
                                    scope: .node, path: "/proc/meminfo"))
        let units = ["s", "B", "B", "B", "count"]
        for (index, name) in WorkloadProbe.channelNames.enumerated() {
            out.append(SourceDescriptor(name: name, kind: .measured, unit: units[index],
                                        semantics: index < 3 ? .counter : .gauge, scope: .workload, path: "cgroup"))
        }
        return out
    }

    static func write(_ args: BenchArguments) throws {
        let path = args.string("db", "/dev/shm/ecobench-bench-analysis.db")
        let hz = args.double("hz", 10)
        let seconds = args.double("hours", 1) * 3600
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let store = try RunStore(path: path)
        let repetitions = 3
        let perRepetition = seconds / Double(repetitions)
        let fractions: [(PhaseName, Double)] = [(.baseline, 0.05), (.idle, 0.05), (.load, 0.85), (.cooldown, 0.05)]
        var phaseSeconds: [(PhaseName, Double)] = []
        for (name, fraction) in fractions { phaseSeconds.append((name, fraction * perRepetition)) }
        let settings = RunSettings(
            description: "synthetic \(format(seconds / 3600, 0))-hour run", phaseDurations: PhaseDurations(
                baselineS: phaseSeconds[0].1, idleS: phaseSeconds[1].1, loadS: phaseSeconds[2].1,
                cooldownS: phaseSeconds[3].1),
            repetitions: repetitions, intervalS: 1 / hz, idlePolicy: .none, carbon: GridIntensity.userSupplied(400),
            cpuTdpWatts: nil, sysfsRoot: "/sys", procRoot: "/proc", workloadTracking: "cgroup v2 synthetic")
        let host = ReportHost(hostname: "bench", cpuModel: "Synthetic 2-socket", logicalCpus: 2, sockets: 2,
                              memoryBytes: 1 << 33, kernel: "6.1", os: "Debian 12")
        let interval = Int64(1e9 / hz)
        let id = try store.createRun(NewRun(
            workload: "synthetic", workloadFile: "synthetic.yaml", workloadYAML: "", functionalUnit: "request",
            startedAt: "2026-01-01T00:00:00Z", clockStartUnixNanoseconds: 0, intervalNanoseconds: interval,
            settingsJSON: try ReportCoding.encodeString(settings), hostJSON: try ReportCoding.encodeString(host),
            pid: getpid(), ecobenchVersion: EcobenchVersion.current))
        let descriptors = channels()
        let ids = try store.registerSources(runID: id, descriptors)
        var values = SyntheticValues(channels: descriptors.count, intervalNanoseconds: interval)
        var t: Int64 = 0
        let start = MonotonicClock.nowNanoseconds()
        for repetition in 1...repetitions {
            for (name, length) in phaseSeconds {
                let phase = try store.beginPhase(runID: id, repetition: repetition, name: name, startNanoseconds: t)
                let ticks = Int(length * hz)
                var left = ticks
                while left > 0 {  // one flush a second, as the writer thread does
                    let n = min(left, Int(hz))
                    var batch = values.batch(sourceIDs: ids, ticks: n)
                    for i in 0..<n { batch.values[i * descriptors.count + 23] = 200 }  // workload.processes
                    try store.insert(batch)
                    left -= n
                }
                t = values.t
                try store.endPhase(id: phase, endNanoseconds: t, functionalUnits: name == .load ? 1e6 : nil)
            }
        }
        try store.setOverhead(runID: id, RunOverhead(samplerCPUSeconds: 1, writerCPUSeconds: 0.1,
                                                     ticks: Int(seconds * hz), peakRSSBytes: 10 << 20,
                                                     wallSeconds: seconds))
        let ended = ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: 1_767_225_600 + seconds))
        try store.finishRun(id: id, status: .completed, endedAt: ended, error: nil)
        let writeSeconds = BenchClock.seconds(since: start)
        let samples = try store.sampleCount(runID: id)
        // What the run takes on disk: the database and the write-ahead log beside it, as the writer
        // left them and after a checkpoint that copies the log in and truncates it.
        let written = fileBytes(path) + fileBytes(path + "-wal")
        try store.checkpointTruncatingWAL()
        let atRest = fileBytes(path) + fileBytes(path + "-wal")
        print("analysis-write run=\(id) samples=\(samples) channels=\(descriptors.count) "
              + "seconds=\(format(writeSeconds, 2)) db_mb=\(format(Double(written) / 1e6, 1)) "
              + "db_mb_checkpointed=\(format(Double(atRest) / 1e6, 1)) "
              + "bytes_per_sample=\(format(Double(atRest) / Double(max(samples, 1)), 2))")
    }

    /// Size of the file at `path`, 0 when there is none.
    static func fileBytes(_ path: String) -> Int64 {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value ?? 0
    }

    static func report(_ args: BenchArguments) throws {
        let store = try RunStore(path: args.string("db", "/dev/shm/ecobench-bench-analysis.db"))
        let out = args.string("out", "/dev/shm/ecobench-bench-report")
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        guard let id = try store.runs().last?.id else { throw ReportError.noCompletedPhase(run: 0) }
        let start = MonotonicClock.nowNanoseconds()
        let report = try ReportBuilder(store: store).build(runID: id)
        let attributed = BenchClock.seconds(since: start)
        let writer = ReportWriter(store: store)
        _ = try writer.write(report, format: .json, to: out + "/report.json")
        let json = BenchClock.seconds(since: start)
        _ = try writer.write(report, format: .csv, to: out)
        let total = BenchClock.seconds(since: start)
        print("analysis-report attribution_s=\(format(attributed, 3)) json_s=\(format(json - attributed, 3)) "
              + "csv_s=\(format(total - json, 3)) total_s=\(format(total, 3)) "
              + "peak_rss_mb=\(format(Double(RunOverhead.peakRSSBytes() ?? 0) / 1e6, 1)) "
              + "phases=\(report.phases.count)")
    }
}
