import Testing
import EcobenchCore
@testable import EcobenchCollect

/// NVML is loaded at run time; this VM has no NVIDIA driver, so discovery must say so and
/// return no probe (on a GPU machine the first test is skipped).
@Suite("NVML GPU energy")
struct NVMLTests {
    static let hasNVML = (try? NVMLLibrary()) != nil

    @Test(.enabled(if: !NVMLTests.hasNVML)) func withoutTheLibraryDiscoveryReturnsNilWithANote() {
        let (probe, note) = NVMLProbe.discover()
        #expect(probe == nil)
        #expect(note.hasPrefix("NVML not available: libnvidia-ml.so.1 not found"))
    }

    @Test func aMissingLibraryNameIsATypedError() {
        #expect(throws: NVMLError.self) { try NVMLLibrary(name: "libnvidia-ml-does-not-exist.so.9") }
        let (probe, note) = NVMLProbe.discover(libraryName: "libnvidia-ml-does-not-exist.so.9")
        #expect(probe == nil && note.contains("libnvidia-ml-does-not-exist.so.9 not found"))
    }

    @Test(.enabled(if: NVMLTests.hasNVML)) func withNVMLEveryGPUHasAnEnergyChannel() throws {
        let (probe, note) = NVMLProbe.discover()
        let found = try #require(probe, "\(note)")
        #expect(found.channels.map(\.name) == found.gpus.map { "nvml.gpu\($0.index).energy" })
        #expect(found.channels.allSatisfy { $0.energyRole == .gpu && $0.kind == .measured && $0.unit == "J" })
    }
}
