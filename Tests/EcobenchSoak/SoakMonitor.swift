import EcobenchCore
import Foundation

/// What the soak watches over time (RSS, open descriptors, ticks) and how it judges the end.
final class SoakMonitor {
    struct Point {
        var elapsedSeconds: Double
        var rssBytes: Int64
        var descriptors: Int
        var ticks: Int

        func line(intervalMilliseconds: Double) -> String {
            let expected = elapsedSeconds * 1000 / intervalMilliseconds
            return String(format: "t=%6.0f s  rss %7.2f MiB  fds %3d  ticks %8d (%.3f of expected)", elapsedSeconds,
                          Double(rssBytes) / 1_048_576, descriptors, ticks, Double(ticks) / max(1, expected))
        }
    }

    struct Jitter {
        var intervals: Int
        var meanMilliseconds: Double
        var sdMilliseconds: Double
        var p99Milliseconds: Double
        var maxMilliseconds: Double
    }

    private(set) var points: [Point] = []

    func record(elapsedSeconds: Double, ticks: Int) -> Point {
        let point = Point(elapsedSeconds: elapsedSeconds, rssBytes: Self.rssBytes(), descriptors: Self.descriptorCount(),
                          ticks: ticks)
        points.append(point)
        return point
    }

    static func rssBytes() -> Int64 {
        let text = (try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8)) ?? ""
        let pages = text.split(separator: " ").dropFirst().first.flatMap { Int64($0) } ?? 0
        return pages * Int64(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func descriptorCount() -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []).count
    }

    /// Intervals between consecutive stored ticks of one channel (boundary ticks included).
    static func jitter(store: RunStore, channel: String, intervalMilliseconds: Double) throws -> Jitter {
        guard let run = try store.runs().last,
              let source = try store.sources(runID: run.id).first(where: { $0.descriptor.name == channel }) else {
            return Jitter(intervals: 0, meanMilliseconds: 0, sdMilliseconds: 0, p99Milliseconds: 0, maxMilliseconds: 0)
        }
        var previous: Int64?
        var intervals: [Double] = []
        try store.forEachSample(sourceID: source.id) { t, _ in
            if let previous { intervals.append(Double(t - previous) / 1e6) }
            previous = t
        }
        guard !intervals.isEmpty else {
            return Jitter(intervals: 0, meanMilliseconds: 0, sdMilliseconds: 0, p99Milliseconds: 0, maxMilliseconds: 0)
        }
        let mean = intervals.reduce(0, +) / Double(intervals.count)
        let sd = (intervals.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(intervals.count)).squareRoot()
        let sorted = intervals.sorted()
        return Jitter(intervals: intervals.count, meanMilliseconds: mean, sdMilliseconds: sd,
                      p99Milliseconds: sorted[min(sorted.count - 1, Int(Double(sorted.count) * 0.99))],
                      maxMilliseconds: sorted.last ?? 0)
    }

    /// Memory is flat when RSS after the first tenth of the soak grew by less than 4 MiB; no
    /// descriptor was leaked; at least 99 % of the expected ticks were taken (missed ones are
    /// skipped by design when the machine stalls, never burst); the mean interval is within
    /// 1 % of the nominal one.
    func verdicts(elapsedSeconds: Double, ticks: Int, intervalMilliseconds: Double, jitter: Jitter,
                  problems: [String], writerUpdates: Int) -> (passed: Bool, lines: [String]) {
        let settled = points.first { $0.elapsedSeconds >= elapsedSeconds / 10 } ?? points.first
        let last = points.last
        let growth = Double((last?.rssBytes ?? 0) - (settled?.rssBytes ?? 0)) / 1_048_576
        let fdGrowth = (last?.descriptors ?? 0) - (settled?.descriptors ?? 0)
        let ratio = Double(ticks) / (elapsedSeconds * 1000 / intervalMilliseconds)
        let drift = abs(jitter.meanMilliseconds - intervalMilliseconds) / intervalMilliseconds
        let checks: [(String, Bool)] = [
            (String(format: "rss growth after warm-up: %.2f MiB (limit 4)", growth), growth < 4),
            ("descriptor growth: \(fdGrowth) (limit 0)", fdGrowth <= 0),
            (String(format: "ticks taken: %d = %.4f of expected (limit ≥ 0.99)", ticks, ratio), ratio >= 0.99),
            (String(format: "interval: mean %.4f ms (nominal %.1f, drift %.3f %%), sd %.3f ms, p99 %.3f ms, max %.2f ms over %d",
                    jitter.meanMilliseconds, intervalMilliseconds, drift * 100, jitter.sdMilliseconds,
                    jitter.p99Milliseconds, jitter.maxMilliseconds, jitter.intervals), drift < 0.01),
            ("sampler problems: \(problems.count)" + (problems.first.map { " (first: \($0))" } ?? ""), problems.isEmpty),
            ("fixture counter updates: \(writerUpdates)", writerUpdates > 0),
        ]
        return (checks.allSatisfy(\.1), checks.map { ($0.1 ? "PASS  " : "FAIL  ") + $0.0 })
    }
}
