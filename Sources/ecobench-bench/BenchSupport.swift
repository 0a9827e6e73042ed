import EcobenchCore
import Foundation

/// `COMMAND --key value ...`, nothing more.
struct BenchArguments {
    var command = ""
    var options: [String: String] = [:]

    init(_ args: ArraySlice<String>) {
        var rest = Array(args)
        if let first = rest.first, !first.hasPrefix("--") { command = first; rest.removeFirst() }
        var index = 0
        while index < rest.count {
            let key = String(rest[index].dropFirst(2))
            if index + 1 < rest.count, !rest[index + 1].hasPrefix("--") {
                options[key] = rest[index + 1]
                index += 2
            } else {
                options[key] = "true"
                index += 1
            }
        }
    }

    func string(_ key: String, _ fallback: String) -> String { options[key] ?? fallback }
    func double(_ key: String, _ fallback: Double) -> Double { options[key].flatMap(Double.init) ?? fallback }
    func int(_ key: String, _ fallback: Int) -> Int { options[key].flatMap(Int.init) ?? fallback }
}

enum BenchClock {
    /// CPU seconds of the whole process (all threads): CLOCK_PROCESS_CPUTIME_ID.
    static func processCPUSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func seconds(since startNanoseconds: Int64) -> Double {
        Double(MonotonicClock.nowNanoseconds() - startNanoseconds) / 1e9
    }
}

/// Collects the times of every tick (sorted by the sampler) and keeps nothing else.
final class IntervalSink: SampleSink, @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Int64] = []

    func write(_ batch: SampleBatch) throws {
        lock.lock()
        times.append(contentsOf: batch.timesNanoseconds)
        lock.unlock()
    }

    /// Deviations |interval − nominal| in ns, sorted.
    func jitterNanoseconds(nominal: Int64) -> [Int64] {
        lock.lock()
        defer { lock.unlock() }
        guard times.count > 1 else { return [] }
        return (1..<times.count).map { abs(times[$0] - times[$0 - 1] - nominal) }.sorted()
    }

    var tickCount: Int {
        lock.lock()
        defer { lock.unlock() }
        return times.count
    }
}

func percentile(_ sorted: [Int64], _ p: Double) -> Int64 {
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
}

func format(_ value: Double, _ digits: Int = 3) -> String { String(format: "%.\(digits)f", value) }
