import EcobenchCore
import Foundation

/// (4) SQLite ingest: how many samples a second the store takes through `insert(_:)` (one
/// transaction per flush, as the writer thread does), and the bytes a sample takes on disk.
enum IngestBench {
    static let channelCount = 24

    static func run(_ args: BenchArguments) throws {
        let path = args.string("db", "/dev/shm/ecobench-bench-ingest.db")
        let ticksPerFlush = args.int("ticks-per-flush", 1000)
        let flushes = args.int("flushes", 100)
        let intervalNanoseconds = Int64(args.double("interval-ms", 1) * 1e6)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let channels = (0..<channelCount).map {
            SourceDescriptor(name: "bench.channel_\($0)", kind: .measured, unit: $0 % 4 == 0 ? "J" : "s",
                             semantics: .counter, scope: .node, path: "synthetic")
        }
        var (store, ids): (RunStore?, [Int64]) = try SamplerBench.store(path: path, channels: channels,
                                                                         intervalNanoseconds: intervalNanoseconds)
        var batches: [SampleBatch] = []
        var generator = SyntheticValues(channels: channelCount, intervalNanoseconds: intervalNanoseconds)
        for _ in 0..<flushes { batches.append(generator.batch(sourceIDs: ids, ticks: ticksPerFlush)) }
        let samples = flushes * ticksPerFlush * channelCount
        let start = MonotonicClock.nowNanoseconds()
        for batch in batches { try store?.insert(batch) }
        let seconds = BenchClock.seconds(since: start)
        let dbstat = store?.sampleBytesOnDisk()
        store = nil  // closes: the WAL is checkpointed into the file
        let fileBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print("ingest ticks_per_flush=\(ticksPerFlush) flushes=\(flushes) channels=\(channelCount) samples=\(samples) "
              + "seconds=\(format(seconds, 3)) samples_per_s=\(format(Double(samples) / seconds / 1e6, 2))M "
              + "file_bytes_per_sample=\(format(Double(fileBytes) / Double(samples), 2)) "
              + "table_bytes_per_sample=\(dbstat.map { format(Double($0) / Double(samples), 2) } ?? "n/a")")
    }
}

/// Counters that rise like a real run's (energy, CPU seconds, bytes) and gauges, ticks with jitter.
struct SyntheticValues {
    let channels: Int
    let intervalNanoseconds: Int64
    var t: Int64 = 0
    var counters: [Double]
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(channels: Int, intervalNanoseconds: Int64) {
        self.channels = channels
        self.intervalNanoseconds = intervalNanoseconds
        counters = [Double](repeating: 0, count: channels)
    }

    mutating func random() -> Double {
        seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Double(seed >> 11) / Double(1 << 53)
    }

    mutating func batch(sourceIDs: [Int64], ticks: Int) -> SampleBatch {
        var batch = SampleBatch(sourceIDs: sourceIDs)
        batch.timesNanoseconds.reserveCapacity(ticks)
        batch.values.reserveCapacity(ticks * channels)
        for _ in 0..<ticks {
            t += intervalNanoseconds + Int64(random() * 50_000)
            for c in 0..<channels {
                // RAPL µJ resolution, CPU seconds in 10 ms ticks, bytes: as the probes give them.
                switch c % 4 {
                case 0: counters[c] += (random() * 2_000_000).rounded() / 1e6
                case 1: counters[c] += (random() * 10).rounded() / 100
                case 2: counters[c] += (random() * 4096).rounded()
                default: counters[c] = 1e9 + (random() * 1e6).rounded()
                }
            }
            counters.withUnsafeBufferPointer { batch.append(timeNanoseconds: t, values: $0) }
        }
        return batch
    }
}
