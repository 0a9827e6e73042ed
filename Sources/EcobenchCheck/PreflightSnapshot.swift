import Foundation
import EcobenchCollect

/// The counters the pre-flight checks compare over their short sample: CPU times
/// (`/proc/stat`), swap traffic (`/proc/vmstat` `pswpin`/`pswpout`) and every process's CPU
/// ticks (`/proc/<pid>/stat`), all under the given procfs root.
package struct PreflightSnapshot: Sendable {
    package var cpu: CPUTimes
    package var swappedPages: Int64?
    /// pid → (name, CPU ticks).
    package var processes: [Int32: (comm: String, ticks: Int64)]
    package var takenAtNanoseconds: Int64

    package static func take(procRoot: String) throws -> PreflightSnapshot {
        let statPath = procRoot + "/stat"
        let cpu = try SysfsFile(path: statPath).withContents { try ProcStat.parseAggregate($0, path: statPath) }
        return PreflightSnapshot(cpu: cpu, swappedPages: swappedPages(procRoot: procRoot),
                                 processes: processes(procRoot: procRoot),
                                 takenAtNanoseconds: MonotonicClock.nowNanoseconds())
    }

    /// `pswpin + pswpout` from vmstat; nil when the file or fields are missing.
    package static func swappedPages(procRoot: String) -> Int64? {
        guard let text = try? SysfsFile.readText(path: procRoot + "/vmstat") else { return nil }
        return parseSwappedPages(vmstat: text)
    }

    package static func parseSwappedPages(vmstat text: String) -> Int64? {
        var total: Int64?
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count == 2, parts[0] == "pswpin" || parts[0] == "pswpout", let n = Int64(parts[1]) else { continue }
            total = (total ?? 0) + n
        }
        return total
    }

    package static func processes(procRoot: String) -> [Int32: (comm: String, ticks: Int64)] {
        var out: [Int32: (comm: String, ticks: Int64)] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: procRoot)) ?? [] {
            guard let pid = Int32(entry) else { continue }
            let path = "\(procRoot)/\(entry)/stat"
            guard let file = try? SysfsFile(path: path, initialCapacity: 512),
                  let stat = try? file.withContents({ try ProcessStat.parse($0, path: path) }) else { continue }
            out[pid] = (stat.comm, stat.cpuTicks)
        }
        return out
    }
}
