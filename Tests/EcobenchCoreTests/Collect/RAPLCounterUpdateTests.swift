import EcobenchCore
import Foundation
import Testing

/// A phase boundary's RAPL reading is taken just after the counters' update
/// (`RAPLProbe.waitForCounterUpdate`, called by the sampler before a boundary tick's stamp).
@Suite struct RAPLCounterUpdateTests {
    static let package = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj"
    static let core = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0/energy_uj"

    /// The fixture's counters are 123 456 789 and 23 456 789 µJ. A writer moves the package by
    /// +1 000 000 µJ after 50 ms and the core by +500 000 µJ 20 ms later: the wait returns only
    /// once both moved, and the reading right after it counts 1 J and 0.5 J.
    @Test func waitReturnsOnceEveryZoneMoved() throws {
        let tree = try FixtureCopy("amd-1s")
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys")
        #expect(try readProbe(probe) == [0, 0])
        let root = tree.root
        let writer = Thread {
            usleep(50_000)
            try? "124456789\n".write(toFile: root + "/" + Self.package, atomically: false, encoding: .utf8)
            usleep(20_000)
            try? "23956789\n".write(toFile: root + "/" + Self.core, atomically: false, encoding: .utf8)
        }
        writer.start()
        #expect(probe.waitForCounterUpdate(timeoutNanoseconds: 10_000_000_000))
        #expect(try readProbe(probe) == [1.0, 0.5])
    }

    /// A counter that does not move (a static fixture, a zone at 0 W) ends the wait at its
    /// timeout with false; the reading after it is the unchanged counter (0 J counted).
    @Test func aCounterThatDoesNotMoveEndsTheWaitAtItsTimeout() throws {
        let tree = try FixtureCopy("amd-1s")
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys")
        _ = try readProbe(probe)
        #expect(!probe.waitForCounterUpdate(timeoutNanoseconds: 2_000_000))
        #expect(try readProbe(probe) == [0, 0])
    }

    /// An unreadable zone is not waited for: the readable one moving ends the wait.
    @Test func anUnreadableZoneIsNotWaitedFor() throws {
        let tree = try FixtureCopy("amd-1s")
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys")
        try tree.write(Self.core, "garbage\n")
        let root = tree.root
        let writer = Thread {
            usleep(20_000)
            try? "124456789\n".write(toFile: root + "/" + Self.package, atomically: false, encoding: .utf8)
        }
        writer.start()
        #expect(probe.waitForCounterUpdate(timeoutNanoseconds: 10_000_000_000))
    }
}
