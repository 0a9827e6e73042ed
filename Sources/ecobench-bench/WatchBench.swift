import EcobenchCore
import Foundation

/// (6) ecobench as a peer would run: every source discovered on this machine, sampled at
/// `--hz` into SQLite for `--seconds`, so its CPU time can be read from /proc/PID/stat
/// beside CodeCarbon's and node-exporter's.
enum WatchBench {
    static func run(_ args: BenchArguments) throws {
        let hz = args.double("hz", 10)
        let seconds = args.double("seconds", 60)
        let interval = Int64(1e9 / hz)
        let target = WorkloadTarget()
        let discovery = try SourceDiscovery.probes(sysfsRoot: "/sys", procRoot: "/proc", workload: target)
        let channels = discovery.probes.flatMap(\.channels)
        if args.options["probe-costs"] != nil { try probeCosts(discovery.probes) }
        let (store, ids) = try SamplerBench.store(path: args.string("db", "/dev/shm/ecobench-bench-watch.db"),
                                                  channels: channels, intervalNanoseconds: interval)
        let start = MonotonicClock.nowNanoseconds()
        let sampler = Sampler(probes: discovery.probes, sourceIDs: ids, sink: store, intervalNanoseconds: interval,
                              originNanoseconds: start)
        sampler.start()
        MonotonicClock.sleep(untilNanoseconds: start + Int64(seconds * 1e9))
        sampler.stop()
        let cost = sampler.threadCosts()
        print("watch hz=\(format(hz, 0)) channels=\(channels.count) ticks=\(cost.ticks) "
              + "sampler_cpu_s=\(format(cost.samplerCPUSeconds, 4)) writer_cpu_s=\(format(cost.writerCPUSeconds, 4))")
    }

    /// Each probe read 2,000 times back to back: its own cost per tick, without wakeups.
    static func probeCosts(_ probes: [any Probe]) throws {
        for probe in probes {
            var values = [Double](repeating: 0, count: probe.channels.count)
            let start = MonotonicClock.nowNanoseconds()
            for _ in 0..<2000 { try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) } }
            let perRead = Double(MonotonicClock.nowNanoseconds() - start) / 2000 / 1e3
            print("probe \(type(of: probe)) channels=\(probe.channels.count) us_per_read=\(format(perRead, 2))")
        }
    }
}
