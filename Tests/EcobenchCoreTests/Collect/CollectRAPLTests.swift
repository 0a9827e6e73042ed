import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
import EcobenchTestSupport

@Suite("Collect: RAPL")
struct CollectRAPLTests {
    @Test func wrapArithmetic() {
        #expect(EnergyCounter.deltaMicrojoules(previous: 100, current: 250, maxRangeMicrojoules: 1000) == 150)
        #expect(EnergyCounter.deltaMicrojoules(previous: 900, current: 50, maxRangeMicrojoules: 1000) == 150)
        #expect(EnergyCounter.deltaMicrojoules(previous: 7, current: 7, maxRangeMicrojoules: 1000) == 0)
        // A range below prev cannot explain the step: unknown, nothing counted.
        #expect(EnergyCounter.deltaMicrojoules(previous: 900, current: 50, maxRangeMicrojoules: 0) == nil)
        // A reset (rewritten lower, far from the top of the range) is not a wrap: unknown, not ~a whole range.
        #expect(EnergyCounter.deltaMicrojoules(previous: 500_000_000, current: 1_000,
                                               maxRangeMicrojoules: 262_143_328_850) == nil)
        #expect(EnergyCounter.deltaMicrojoules(previous: 262_143_000_000, current: 1_000,
                                               maxRangeMicrojoules: 262_143_328_850) == Int64(329_850))
        #expect(EnergyCounter.joules(microjoules: 1_500_000) == 1.5)
    }

    @Test func discoversIntelTwoSocketWithoutDuplicates() {
        let d = RAPLDiscovery.discover(sysfsRoot: Fixtures.path("intel-2s/sys"))
        let names = d.zones.map(\.channelName)
        #expect(names == ["rapl.package-0", "rapl.package-0.core", "rapl.package-0.uncore",
                          "rapl.package-0.dram", "rapl.package-1", "rapl.package-1.dram", "rapl.psys"])
        #expect(d.zones.map(\.role) == [.package, .subzone, .subzone, .dram, .package, .dram, .platform])
        #expect(d.zones.map(\.id) == ["intel-rapl:0", "intel-rapl:0:0", "intel-rapl:0:1", "intel-rapl:0:2",
                                      "intel-rapl:1", "intel-rapl:1:0", "intel-rapl:2"])
        #expect(!d.permissionDenied)
        #expect(d.zones[0].maxEnergyRangeMicrojoules == 262_143_328_850)
        let descriptor = d.zones[3].descriptor
        #expect(descriptor.unit == "J" && descriptor.semantics == .counter && descriptor.kind == .measured)
        #expect(descriptor.path.hasSuffix("class/powercap/intel-rapl:0:2"))
    }

    @Test func discoversAMDPackageAndCoreOnly() {
        let d = RAPLDiscovery.discover(sysfsRoot: Fixtures.path("amd-1s/sys"))
        #expect(d.zones.map(\.channelName) == ["rapl.package-0", "rapl.package-0.core"])
        #expect(d.zones.map(\.role) == [.package, .subzone])
    }

    @Test func noPowercapGivesANote() {
        let d = RAPLDiscovery.discover(sysfsRoot: "/nonexistent-ecobench")
        #expect(d.zones.isEmpty)
        #expect(d.notes.first?.contains("/nonexistent-ecobench/class/powercap") == true)
    }

    @Test func idParsing() {
        #expect(RAPLZone.indices(ofID: "intel-rapl:0") == [0])
        #expect(RAPLZone.indices(ofID: "intel-rapl:1:2") == [1, 2])
        #expect(RAPLZone.indices(ofID: "intel-rapl") == nil)
        #expect(RAPLZone.indices(ofID: "intel-rapl-mmio") == nil)
        #expect(RAPLZone.indices(ofID: "intel-rapl-mmio:0") == nil)
    }

    /// A backwards step is a wrap only when its energy is plausible over the elapsed time
    /// (≤ 2 kW per zone): Intel range 262 143 328 850 µJ.
    @Test func aResetInTheUpperHalfIsNotAWrap() {
        let range: Int64 = 262_143_328_850
        // 0.9 → 0.3 of the range: "wraps" 0.1 + 0.3 = 0.4 of it = 104 857 331 540 µJ ≈ 104.9 kJ, under half the
        // range (the old rule took it), but 104.9 kJ / 0.1 s ≈ 1.05 MW: a reset, nothing counted.
        #expect(EnergyCounter.deltaMicrojoules(previous: 235_928_995_965, current: 78_642_998_655,
                                               maxRangeMicrojoules: range) == 104_857_331_540)
        #expect(EnergyCounter.deltaMicrojoules(previous: 235_928_995_965, current: 78_642_998_655,
                                               maxRangeMicrojoules: range, elapsedSeconds: 0.1) == nil)
        // A true wrap: 5 J before the top, then 15 J past 0: 20 J in 0.1 s = 200 W.
        #expect(EnergyCounter.deltaMicrojoules(previous: range - 5_000_000, current: 15_000_000,
                                               maxRangeMicrojoules: range, elapsedSeconds: 0.1) == 20_000_000)
        // The same 20 J in 1 ms would be 20 kW: not a wrap either.
        #expect(EnergyCounter.deltaMicrojoules(previous: range - 5_000_000, current: 15_000_000,
                                               maxRangeMicrojoules: range, elapsedSeconds: 0.001) == nil)
    }

    /// Through the probe (AMD fixture, range 65 532 610 987 µJ): 60 000 000 000 → 20 000 000 000 would
    /// wrap 5 532 610 987 + 20 000 000 000 µJ ≈ 25.5 kJ (less than half the range) in 0.1 s: a reset,
    /// a gap, the cumulative value unchanged, one reset counted.
    @Test func probeTakesAnUpperHalfResetForAGap() throws {
        let tree = try FixtureCopy("amd-1s")
        let clock = FakeClock()
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys", clock: { clock.seconds })
        let pkg = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj"
        try tree.write(pkg, "60000000000\n")
        clock.seconds += 0.1
        _ = try readProbe(probe)
        let before = probe.cumulativeMicrojoules[0]
        try tree.write(pkg, "20000000000\n")
        clock.seconds += 0.1
        #expect(try readProbe(probe)[0].isNaN)
        #expect(probe.cumulativeMicrojoules[0] == before && probe.resets == [1, 0])
        try tree.write(pkg, "20001000000\n")  // +1 J in 0.1 s: counted from the new value
        clock.seconds += 0.1
        #expect(try readProbe(probe)[0] == Double(before + 1_000_000) / 1e6)
    }

    @Test func probeCountsExactJoulesAcrossAWrap() throws {
        let tree = try FixtureCopy("amd-1s")
        let clock = FakeClock()
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys", clock: { clock.seconds })
        func tick() throws -> [Double] {  // reads 0.1 s apart: every step here is a plausible power
            clock.seconds += 0.1
            return try readProbe(probe)
        }
        let pkg = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj"
        let core = "sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/intel-rapl:0:0/energy_uj"
        #expect(try tick() == [0, 0])
        // +2.5 J on the package, +0.75 J on the core.
        try tree.write(pkg, "125956789\n")
        try tree.write(core, "24206789\n")
        #expect(try tick() == [2.5, 0.75])
        // Package near the top of its range (max 65532610987), then wraps:
        // (65532610987 − 65532000000) + 1000000 = 1610987 µJ.
        try tree.write(pkg, "65532000000\n")
        _ = try tick()
        try tree.write(pkg, "1000000\n")
        let v = try tick()
        let beforeWrap: Int64 = 2_500_000 + (65_532_000_000 - 125_956_789)
        #expect(probe.cumulativeMicrojoules[0] == beforeWrap + 1_610_987)
        #expect(v[1] == 0.75)
        // Back to 500 µJ from 1 J, far from the top: a reset, not a wrap. A gap (NaN), no
        // energy counted for it, and counting goes on from the new value.
        try tree.write(pkg, "500\n")
        #expect(try tick()[0].isNaN)
        #expect(probe.cumulativeMicrojoules[0] == beforeWrap + 1_610_987)
        try tree.write(pkg, "2500\n")
        #expect(try tick()[0] == Double(beforeWrap + 1_610_987 + 2_000) / 1e6)
    }

    @Test func missingCounterIsAGap() throws {
        let tree = try FixtureCopy("amd-1s")
        let probe = try RAPLProbe(sysfsRoot: tree.root + "/sys")
        try tree.write("sys/devices/virtual/powercap/intel-rapl/intel-rapl:0/energy_uj", "garbage\n")
        let v = try readProbe(probe)
        #expect(v[0].isNaN)
        #expect(v[1] == 0)
    }

    /// Root ignores file modes, and CI runs as root, so a mode-000 `energy_uj` would still be
    /// readable: the EACCES path is tested through the mapping function directly.
    @Test func eaccesOnEnergyUJExplainsTheCVE() {
        let path = "/sys/class/powercap/intel-rapl:0/energy_uj"
        let error = CollectError.forOpen(path: path, errno: EACCES)
        #expect(error == .raplPermissionDenied(path: path))
        #expect(error.description == "energy_uj is readable by root only since Linux 5.10 (CVE-2020-8694); "
            + "run as root or grant read access to \(path)")
        let other = CollectError.forOpen(path: "/proc/stat", errno: EACCES)
        #expect(other.description.contains("/proc/stat"))
        #expect(other.description.contains("Permission denied"))
    }

    @Test func sysfsFileErrorsNameThePath() {
        #expect(throws: CollectError.openFailed(path: "/nonexistent-ecobench/x", errno: ENOENT)) {
            _ = try SysfsFile(path: "/nonexistent-ecobench/x")
        }
    }
}
