import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport

/// Why a probe's channel has no reading: the cause names the file and what went wrong.
/// Expected texts are written out by hand from the fixture paths and the values written.
@Suite("Reading failures: probes say why a channel is a gap")
struct ReadingFailureTests {
    let pkg = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj"

    /// The zone's energy path as discovery names it (through the class symlink).
    func energyPath(_ probe: RAPLProbe, zone: Int = 0) -> String { probe.zones[zone].energyPath }

    @Test func garbageInARAPLCounterIsAParseErrorQuotingIt() throws {
        let tree = try FixtureCopy("amd-1s")
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys")
        try tree.write(pkg, "garbage\n")
        let values = try readProbe(probe)
        #expect(values[0].isNaN && values[1] == 0)
        #expect(probe.failure(channel: 0)?.description == "parse error: \(energyPath(probe)): 'garbage'")
    }

    @Test func aDeletedRAPLCounterIsVanishedThenReplacedWhenItComesBack() throws {
        let tree = try FixtureCopy("amd-1s")
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys")
        try FileManager.default.removeItem(atPath: tree.root + "/" + pkg)
        #expect(try readProbe(probe)[0].isNaN)
        #expect(probe.failure(channel: 0) == .vanished(path: energyPath(probe)))
        #expect(probe.failure(channel: 0)?.description == "vanished: \(energyPath(probe))")
        try tree.write(pkg, "5000\n")  // a new file: re-baselined, NaN once
        #expect(try readProbe(probe)[0].isNaN)
        #expect(probe.failure(channel: 0) == .replaced(path: energyPath(probe)))
        try tree.write(pkg, "1005000\n")  // +1 J from the new file's first reading
        #expect(try readProbe(probe)[0] == 1)
    }

    @Test func aRAPLCounterResetNamesBothValues() throws {
        let tree = try FixtureCopy("amd-1s")
        let clock = FakeClock()
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys", clock: { clock.seconds })
        try tree.write(pkg, "60000000000\n")
        clock.seconds += 0.1
        _ = try readProbe(probe)
        try tree.write(pkg, "20000000000\n")  // back by 40 kJ in 0.1 s: a reset (see CollectRAPLTests)
        clock.seconds += 0.1
        #expect(try readProbe(probe)[0].isNaN)
        #expect(probe.failure(channel: 0)?.description == "reset: \(energyPath(probe)) went back from 60000000000 µJ "
            + "to 20000000000 µJ (no plausible wrap; counted on from the new value)")
    }

    @Test func garbageInMeminfoIsAParseErrorQuotingIt() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/meminfo"
        try "MemTotal: 1000 kB\nMemAvailable: 400 kB\n".write(toFile: path, atomically: false, encoding: .utf8)
        let probe = try MemInfoProbe(procRoot: dir.path)
        #expect(try readProbe(probe) == [600 * 1024])  // (1000 − 400) kB × 1024
        try "MemTotal: 1000 kB\n".write(toFile: path, atomically: false, encoding: .utf8)
        #expect(try readProbe(probe)[0].isNaN)
        #expect(probe.failure(channel: 0)?.description == "parse error: \(path): 'MemTotal: 1000 kB'")
    }

    /// Root ignores file modes (CI runs as root), so EACCES is tested through the mapping.
    @Test func errnoMapsToTheCause() {
        #expect(ReadingFailure.forErrno(EACCES, path: "/p").description == "permission denied: /p")
        #expect(ReadingFailure.forErrno(EPERM, path: "/p").description == "permission denied: /p")
        #expect(ReadingFailure.forErrno(ENOENT, path: "/p").description == "vanished: /p")
        #expect(ReadingFailure.forErrno(ENODEV, path: "/p").description == "vanished: /p")
        #expect(ReadingFailure.forErrno(EIO, path: "/p").description.hasPrefix("unreadable: /p: "))
        #expect(ReadingFailure.classify(CollectError.raplPermissionDenied(path: "/e"), path: "/x")
            == .permissionDenied(path: "/e"))
    }

    @Test func longTextIsCutTo60Characters() {
        let text = String(repeating: "x", count: 100)
        #expect(ReadingFailure.shorten("  \(text)\n") == String(repeating: "x", count: 60) + "…")
    }
}
