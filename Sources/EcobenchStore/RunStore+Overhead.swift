import Foundation
import EcobenchCollect

/// What ecobench itself cost during a run: CPU time of its sampling and writer threads
/// (CLOCK_THREAD_CPUTIME_ID), ticks taken, the process's peak resident set (VmHWM).
public struct RunOverhead: Sendable, Equatable {
    public var samplerCPUSeconds: Double
    public var writerCPUSeconds: Double
    public var ticks: Int
    public var peakRSSBytes: Int64
    /// Wall time the sampler ran (s).
    public var wallSeconds: Double

    public init(samplerCPUSeconds: Double, writerCPUSeconds: Double, ticks: Int, peakRSSBytes: Int64,
                wallSeconds: Double) {
        self.samplerCPUSeconds = samplerCPUSeconds
        self.writerCPUSeconds = writerCPUSeconds
        self.ticks = ticks
        self.peakRSSBytes = peakRSSBytes
        self.wallSeconds = wallSeconds
    }

    /// Reads a stopped sampler's thread costs and this process's VmHWM.
    public static func measure(_ sampler: Sampler, wallSeconds: Double, procRoot: String = "/proc") -> RunOverhead {
        let cost = sampler.threadCosts()
        return RunOverhead(samplerCPUSeconds: cost.samplerCPUSeconds, writerCPUSeconds: cost.writerCPUSeconds,
                           ticks: cost.ticks, peakRSSBytes: peakRSSBytes(procRoot: procRoot) ?? 0,
                           wallSeconds: wallSeconds)
    }

    /// `VmHWM` of `/proc/self/status` in bytes (the kernel gives kB).
    public static func peakRSSBytes(procRoot: String = "/proc") -> Int64? {
        guard let file = try? SysfsFile(path: procRoot + "/self/status", initialCapacity: 4096) else { return nil }
        return try? file.withContents { bytes -> Int64? in
            var s = ByteScanner(bytes)
            while !s.atEnd {
                if let key = s.nextWord(), s.word(key, equals: "VmHWM:") { return s.nextInt64().map { $0 * 1024 } }
                s.skipLine()
            }
            return nil
        }
    }
}

extension RunStore {
    public func setOverhead(runID: Int64, _ overhead: RunOverhead) throws {
        try locked {
            try db.prepare("""
                INSERT OR REPLACE INTO overhead(run_id, sampler_cpu_seconds, writer_cpu_seconds, ticks, peak_rss_bytes,
                  wall_seconds) VALUES (?, ?, ?, ?, ?, ?)
                """).run([.integer(runID), .real(overhead.samplerCPUSeconds), .real(overhead.writerCPUSeconds),
                          .int(overhead.ticks), .integer(overhead.peakRSSBytes), .real(overhead.wallSeconds)])
        }
    }

    public func overhead(runID: Int64) throws -> RunOverhead? {
        try locked {
            var out: RunOverhead?
            try db.prepare("""
                SELECT sampler_cpu_seconds, writer_cpu_seconds, ticks, peak_rss_bytes, wall_seconds
                FROM overhead WHERE run_id = ?
                """).query([.integer(runID)]) { row in
                out = RunOverhead(samplerCPUSeconds: row.double(0), writerCPUSeconds: row.double(1),
                                  ticks: Int(row.int64(2)), peakRSSBytes: row.int64(3), wallSeconds: row.double(4))
            }
            return out
        }
    }
}
