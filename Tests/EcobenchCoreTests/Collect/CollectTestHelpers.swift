import Foundation
import EcobenchCore
import EcobenchTestSupport

/// Reads one tick of a probe into an array.
func readProbe(_ probe: Probe) throws -> [Double] {
    var values = [Double](repeating: -1, count: probe.channels.count)
    try values.withUnsafeMutableBufferPointer { try probe.read(into: $0) }
    return values
}

/// Value of the channel called `name` in one tick's values.
func value(_ name: String, in values: [Double], of probe: Probe) -> Double? {
    guard let i = probe.channels.firstIndex(where: { $0.name == name }) else { return nil }
    return values[i]
}

/// A private copy of a fixture tree (symlinks kept) for tests that rewrite counters.
final class FixtureCopy {
    let root: String

    init(_ fixture: String) throws {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("ecobench-collect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        let destination = base.appendingPathComponent(fixture)
        try FileManager.default.copyItem(atPath: Fixtures.path(fixture), toPath: destination.path)
        root = destination.path
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: false, encoding: .utf8)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: URL(fileURLWithPath: root).deletingLastPathComponent().path)
    }
}
