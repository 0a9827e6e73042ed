import EcobenchCore
import Foundation

/// The agent's `/samples` answer written with JSONEncoder (`AgentSampleRange.json`, the shared
/// `AgentWire` types): how long a large page takes and how big it is. Compare with the string
/// concatenation it replaced in the commit that introduced it (20,000 rows × 20 channels:
/// 77 ms against 41 ms, release build).
enum AgentWireBench {
    static func run(_ args: BenchArguments) throws {
        let rowCount = args.int("rows", 20_000)
        let channelCount = args.int("channels", 20)
        let repetitions = args.int("repetitions", 5)
        var range = AgentSampleRange()
        range.sources = (0..<channelCount).map { "bench.channel_\($0)" }
        range.rows = (0..<rowCount).map { row in
            AgentSampleRange.Row(timeUnixNanoseconds: 1_700_000_000_000_000_000 + Int64(row) * 100_000_000,
                                 values: (0..<channelCount).map { $0 % 7 == 0 ? nil : Double(row) * 1.2345 + Double($0) })
        }
        let units = Dictionary(uniqueKeysWithValues: range.sources.map { ($0, "J") })
        var best = Double.infinity
        var bytes = 0
        for _ in 0..<repetitions {
            let start = MonotonicClock.nowNanoseconds()
            let body = try range.json(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, units: units,
                                      clockUnixNanoseconds: 0, clockMonotonicNanoseconds: 0)
            best = min(best, BenchClock.seconds(since: start))
            bytes = body.utf8.count
        }
        print("agent-wire rows=\(rowCount) channels=\(channelCount) bytes=\(bytes) "
              + "encode_ms_best_of_\(repetitions)=\(format(best * 1000, 1))")
    }
}
