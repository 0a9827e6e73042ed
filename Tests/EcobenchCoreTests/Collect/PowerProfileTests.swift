import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct PowerProfileTests {
    func profile(fingerprint: String) -> PowerProfile {
        PowerProfile(createdAt: "2026-11-23T00:00:00Z", fingerprint: fingerprint, cpuModel: "Test CPU", logicalCpus: 2,
                     meter: .init(kind: .measured, method: "platform meter: rapl.psys", channels: ["rapl.psys"]),
                     points: [.init(targetLoad: 1, utilisation: 1, powerWatts: 100, sdWatts: 1, repetitions: 2),
                              .init(targetLoad: 0, utilisation: 0.01, powerWatts: 20, sdWatts: 0.5, repetitions: 2)],
                     relativeUncertainty: 0.1)
    }

    @Test func modelInterpolatesTheMeasuredPoints() throws {
        let model = CPUPowerModel(profile: profile(fingerprint: "x"), path: "p.json")
        #expect(model.tdpWatts == nil)
        #expect(model.powerWatts(utilisation: 0) == 20)
        #expect(abs(model.powerWatts(utilisation: 0.505) - 60) < 1e-9)
        #expect(model.powerWatts(utilisation: 1) == 100)
        #expect(model.modelDescription.contains("host power profile, p.json"))
        #expect(model.relativeUncertainty == 0.1)
    }

    @Test func roundTripsAndRejectsBadFiles() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try profile(fingerprint: "x").write(to: dir.path + "/p.json")
        #expect(try PowerProfile.load(path: dir.path + "/p.json") == profile(fingerprint: "x"))
        try "{\"format\": \"other\"}".write(toFile: dir.path + "/bad.json", atomically: true, encoding: .utf8)
        #expect(throws: PowerProfileError.self) { try PowerProfile.load(path: dir.path + "/bad.json") }
        #expect(throws: PowerProfileError.self) { try PowerProfile.load(path: dir.path + "/missing.json") }
    }

    @Test func aProfileOfOtherHardwareIsRefusedWithANoteAndTheTDPCurveUsed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try profile(fingerprint: String(repeating: "0", count: 64)).write(to: dir.path + "/other.json")
        var options = SourceOptions(sysfsRoot: "/nonexistent-ecobench", procRoot: "/proc")
        options.hwmon = false
        options.powerProfilePath = dir.path + "/other.json"
        let found = try SourceDiscovery.probes(options: options)
        let estimate = try #require(found.probes.flatMap(\.channels).first { $0.energyRole == .cpuEstimate })
        #expect(estimate.model?.contains("Teads/Boavizta") == true)
        #expect(found.notes.contains { $0.contains("measured on other hardware") })
    }
}
