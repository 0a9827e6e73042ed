import EcobenchCore
import Foundation

/// (3) Highest sustained rate for RAPL + /proc/stat, and the interval jitter at each rate tried.
enum RateBench {
    static func run(_ args: BenchArguments) throws {
        let seconds = args.double("seconds", 5)
        let rates = args.string("hz", "1000,2000,5000").split(separator: ",").compactMap { Double($0) }
        let sysfs = args.string("sysfs-root", "/sys")
        for hz in rates {
            let interval = Int64(1e9 / hz)
            let probes: [any Probe] = [try RAPLProbe(sysfsRoot: sysfs), try CPUStatProbe(procRoot: "/proc")]
            let sink = IntervalSink()
            let count = probes.reduce(0) { $0 + $1.channels.count }
            let start = MonotonicClock.nowNanoseconds()
            let realtime = args.options["realtime"] != nil
            let sampler = Sampler(probes: probes, sourceIDs: (0..<count).map { Int64($0) }, sink: sink,
                                  intervalNanoseconds: interval, originNanoseconds: start, realtimePriority: realtime)
            sampler.start()
            MonotonicClock.sleep(untilNanoseconds: start + Int64(seconds * 1e9))
            sampler.stop()
            let wall = BenchClock.seconds(since: start)
            let jitter = sink.jitterNanoseconds(nominal: interval)
            let cost = sampler.threadCosts()
            let achieved = Double(sink.tickCount) / wall
            print("rate hz=\(format(hz, 0)) realtime=\(realtime) achieved_hz=\(format(achieved, 1)) ticks=\(sink.tickCount) "
                  + "jitter_p50_us=\(format(Double(percentile(jitter, 0.5)) / 1e3, 1)) "
                  + "jitter_p99_us=\(format(Double(percentile(jitter, 0.99)) / 1e3, 1)) "
                  + "jitter_max_us=\(format(Double(jitter.last ?? 0) / 1e3, 1)) "
                  + "sampler_us_per_tick=\(format(cost.samplerCPUSeconds / Double(max(1, cost.ticks)) * 1e6, 2)) "
                  + "cpu_share_of_one_core_pct=\(format((cost.samplerCPUSeconds + cost.writerCPUSeconds) / wall * 100, 2))")
        }
    }
}
