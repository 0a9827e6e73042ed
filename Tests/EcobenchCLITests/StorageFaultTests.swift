import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The database's filesystem fills up, or turns read-only, during a real run: a small tmpfs
/// in a private mount namespace (`unshare -m`, root only) holds `--db`. The run stops with a
/// clear message, its workload is torn down, and what was stored before stays readable.
@Suite(.serialized, .enabled(if: getuid() == 0, "needs root for unshare -m and mount"))
struct StorageFaultTests {
    enum Fault: String, CaseIterable {
        case diskFull = "disk full"
        case readOnly = "read-only"
    }

    @Test(arguments: Fault.allCases)
    func aDatabaseThatCannotBeWrittenStopsTheRunCleanly(fault: Fault) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let marker = "86\(Int.random(in: 100...999))"
        try """
            name: storage
            description: a service and a load while the database's disk fails
            functional_unit: op
            service: {argv: [sleep, "\(marker)"]}
            load:
              argv: [sleep, "{load_s}"]
              functional_units: {count: 1}
            phases: {baseline_s: 1, idle_s: 0.5, load_s: 8, cooldown_s: 0.5}
            repetitions: 1
            """.write(toFile: dir.path + "/w.yaml", atomically: true, encoding: .utf8)
        let mnt = dir.path + "/mnt"
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        let bin = CLI.executable
        let run = "\"\(bin)\" run \(dir.path)/w.yaml --db \(mnt)/e.db --out \(dir.path)/out --interval 10 --no-checks --quiet"
        // Inside the namespace: mount; a full disk 2.5 s into the run, or a database already on a
        // read-only mount (a mount cannot turn read-only while files on it are open for writing).
        // Then, repaired, look at what the database holds. Markers separate the output's parts.
        let script = fault == .diskFull ? """
            mount -t tmpfs -o size=4m tmpfs \(mnt) || exit 90
            (sleep 2.5; dd if=/dev/zero of=\(mnt)/fill bs=4k 2>/dev/null) &
            \(run); echo "@@rc=$?"
            wait
            rm -f \(mnt)/fill
            echo "@@integrity"; sqlite3 \(mnt)/e.db 'PRAGMA integrity_check; SELECT coalesce(sum(n), 0) FROM sample_chunks;'
            echo "@@report"; "\(bin)" report 1 --db \(mnt)/e.db > \(dir.path)/report.json; echo "@@report-rc=$?"
            """ : """
            mount -t tmpfs -o size=4m tmpfs \(mnt) || exit 90
            "\(bin)" runs --db \(mnt)/e.db && mount -o remount,ro \(mnt) || exit 91
            \(run); echo "@@rc=$?"
            mount -o remount,rw \(mnt)
            echo "@@runs"; "\(bin)" runs --db \(mnt)/e.db
            """
        let process = ChildProcess()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["-m", "--propagation", "private", "sh", "-c", script]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let context = "\(fault.rawValue): \(text)"

        #expect(text.contains("@@rc=1"), "the run must fail, not hang or crash: \(context)")
        #expect(CLI.processes(containing: "sleep \(marker)").isEmpty, "a workload process survived: \(context)")
        if fault == .readOnly {
            #expect(text.contains("mounted read-only"), "\(context)")
            #expect(text.contains("no runs in"), "nothing was started or stored: \(context)")
            return
        }
        #expect(text.contains("the database could not be written (disk full or read-only?)"), "\(context)")
        #expect(text.contains("disk is full"), "the SQLite reason is named: \(context)")
        #expect(text.contains("the run was stopped and its workload torn down"), "\(context)")
        let integrity = text.components(separatedBy: "@@integrity\n").last?.split(separator: "\n") ?? []
        #expect(integrity.first == "ok", "\(context)")
        #expect((integrity.dropFirst().first.flatMap { Int($0) } ?? 0) > 50, "samples stored before the fault are kept")
        #expect(text.contains("@@report-rc=0"), "the report of what was stored works: \(context)")
        let report = try ReportCoding.decoder().decode(
            Report.self, from: Data(contentsOf: URL(fileURLWithPath: dir.path + "/report.json")))
        #expect(report.run.partial && report.phases.contains { $0.name == .baseline })
    }
}
