import Foundation

/// The true energy of a truth scenario, as Tests/tools/power_script.py logged it: lines
/// `mono_ns real_ns true_uj` (CLOCK_MONOTONIC and CLOCK_REALTIME read back to back, and the
/// exact integral of the scripted power since the writer started). It is the independent truth:
/// computed by the writer from its own P(t), never from ecobench's output.
public struct TruthLog: Sendable {
    public struct Entry: Sendable {
        public var monotonicNanoseconds: Int64
        public var unixNanoseconds: Int64
        public var trueMicrojoules: Double
    }

    public let entries: [Entry]

    /// Parses the log; an unreadable line is an error naming the file and the line.
    public init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var entries: [Entry] = []
        for (number, line) in text.split(separator: "\n").enumerated() {
            let fields = line.split(separator: " ")
            guard fields.count == 3, let mono = Int64(fields[0]), let unix = Int64(fields[1]),
                  let energy = Double(fields[2]) else {
                // The writer is killed mid-line at most once, at its end: only the last line may be cut.
                if number == text.split(separator: "\n").count - 1 { continue }
                throw TruthLogError("\(path):\(number + 1): not `mono_ns real_ns true_uj`: \(line)")
            }
            entries.append(Entry(monotonicNanoseconds: mono, unixNanoseconds: unix, trueMicrojoules: energy))
        }
        guard entries.count >= 2 else { throw TruthLogError("\(path): fewer than two entries") }
        self.entries = entries
    }

    private init(entries: [Entry]) { self.entries = entries }

    /// The log on ecobench's time axis. ecobench states a phase edge as `clock_start_unix_ns` +
    /// its monotonic offset, i.e. wall time frozen at the run's start; so each entry's time becomes
    /// its CLOCK_MONOTONIC + (CLOCK_REALTIME − CLOCK_MONOTONIC) of the entry nearest the run's
    /// start. A wall clock that NTP slews during the scenario then shifts neither side.
    public func onRunClock(clockStartUnixNanoseconds start: Int64) -> TruthLog {
        let anchor = entries.min { abs($0.unixNanoseconds - start) < abs($1.unixNanoseconds - start) } ?? entries[0]
        let offset = anchor.unixNanoseconds - anchor.monotonicNanoseconds
        return TruthLog(entries: entries.map {
            Entry(monotonicNanoseconds: $0.monotonicNanoseconds, unixNanoseconds: $0.monotonicNanoseconds + offset,
                  trueMicrojoules: $0.trueMicrojoules)
        })
    }

    /// The true energy (J) delivered up to the wall time `t` (ns since 1970), linear between entries
    /// (P is constant within each write period, so this is exact there); nil outside the log.
    public func joules(atUnixNanoseconds t: Int64) -> Double? {
        guard let first = entries.first, let last = entries.last,
              t >= first.unixNanoseconds, t <= last.unixNanoseconds else { return nil }
        var low = 0, high = entries.count - 1
        while high - low > 1 {
            let mid = (low + high) / 2
            if entries[mid].unixNanoseconds <= t { low = mid } else { high = mid }
        }
        let a = entries[low], b = entries[high]
        let span = Double(b.unixNanoseconds - a.unixNanoseconds)
        let fraction = span > 0 ? Double(t - a.unixNanoseconds) / span : 0
        return (a.trueMicrojoules + (b.trueMicrojoules - a.trueMicrojoules) * fraction) / 1e6
    }

    /// The true energy (J) over [start, start + seconds] (wall ns); nil outside the log.
    public func joules(fromUnixNanoseconds start: Int64, seconds: Double) -> Double? {
        guard let a = joules(atUnixNanoseconds: start),
              let b = joules(atUnixNanoseconds: start + Int64((seconds * 1e9).rounded())) else { return nil }
        return b - a
    }

    /// The lowest and highest power (W) of the write periods that overlap [from, to] (wall ns).
    public func powerRange(fromUnixNanoseconds from: Int64, to: Int64) -> (min: Double, max: Double) {
        var low = Double.infinity, high = -Double.infinity
        for (a, b) in zip(entries, entries.dropFirst()) where b.unixNanoseconds > from && a.unixNanoseconds < to {
            let seconds = Double(b.unixNanoseconds - a.unixNanoseconds) / 1e9
            guard seconds > 0 else { continue }
            let watts = (b.trueMicrojoules - a.trueMicrojoules) / 1e6 / seconds
            low = min(low, watts)
            high = max(high, watts)
        }
        return low <= high ? (low, high) : (0, 0)
    }
}

public struct TruthLogError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
