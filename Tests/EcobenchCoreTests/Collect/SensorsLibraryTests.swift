import EcobenchCore
import Foundation
import Testing

/// libsensors in this process, on the real machine. Serialized: libsensors state is global,
/// and only one `SensorsLibrary` may be alive at a time.
@Suite("SensorsLibrary in process", .serialized)
struct SensorsLibraryTests {
    @Test func reportsItsVersion() {
        #expect(SensorsLibrary.version.first?.isNumber == true)
    }

    @Test func onlyOneLibraryAtATime() throws {
        let library = try SensorsLibrary()
        #expect(throws: SensorsError.alreadyInitialised) { _ = try SensorsLibrary() }
        _ = library.chips
    }

    @Test func anUnreadableConfigurationIsATypedError() {
        #expect(throws: SensorsError.configUnreadable(path: "/nonexistent/sensors3.conf", errno: ENOENT)) {
            _ = try SensorsLibrary(configPath: "/nonexistent/sensors3.conf")
        }
    }

    @Test func skipsBadConfigurationLinesAndCanBeInitialisedAgain() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).conf")
        try Data("chip \"x-*\"\n  label\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        // libsensors prints "Line 3: syntax error" to stderr and carries on: the library opens with
        // that configuration and detects the same chips (from sysfs) as with the system's own.
        let chipsWithBadLines: [SensorsChip]
        do {
            let library = try SensorsLibrary(configPath: url.path)
            #expect(library.configPath == url.path)
            chipsWithBadLines = library.chips
        }
        let again = try SensorsLibrary()
        #expect(again.configPath == nil)
        #expect(again.chips == chipsWithBadLines)
    }

    @Test(.enabled(if: !FileManager.default.fileExists(atPath: "/sys/class/hwmon/hwmon0"),
                   "this machine has hwmon chips"))
    func withoutChipsThereIsNoProbeAndANoteSaysWhy() {
        let discovery = HwmonDiscovery.discover()
        #expect(discovery.probes.isEmpty && discovery.readings.isEmpty)
        #expect(discovery.notes.contains { $0.contains("no chips") })
    }

    /// The other side of the test above, so that one of the two runs on every machine.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/class/hwmon/hwmon0"),
                   "this machine has no hwmon chips"))
    func withChipsThereIsAProbeOrANoteSaysWhyNot() {
        let discovery = HwmonDiscovery.discover()
        #expect(!discovery.notes.contains { $0.contains("no chips") }, "\(discovery.notes)")
        #expect(!discovery.probes.isEmpty || discovery.notes.contains { $0.contains("but no power, energy") },
                "\(discovery.notes)")
    }
}
