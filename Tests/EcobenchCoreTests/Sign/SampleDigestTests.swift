import EcobenchCore
@testable import EcobenchStore
@testable import EcobenchSign
import EcobenchTestSupport
import Foundation
import Testing

/// The samples hash: sources by name, samples by t_ns, one text line each with the value's
/// IEEE 754 bits; any change to a stored sample changes it and names the source.
@Suite struct SampleDigestTests {
    func synthetic(_ dir: TemporaryDirectory) throws -> (RunStore, Int64) {
        let store = try RunStore(path: dir.path + "/s.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 0.5, powerWatts: 10, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 1, powerWatts: 25, busyCPUPerSecond: 1.5, workloadCPUPerSecond: 1.2),
        ]])
        return (store, id)
    }

    @Test func valuesAreWrittenAsTheirBits() {
        #expect(SampleDigest.valueText(1) == "3ff0000000000000")
        #expect(SampleDigest.valueText(-0.0) == "8000000000000000")
        #expect(SampleDigest.valueText(0) == "0000000000000000")
        #expect(SampleDigest.valueText(.nan) == "null")
    }

    @Test func hashesTheDocumentedLinesInTheDocumentedOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try synthetic(dir)
        var text = ""
        for source in try store.sources(runID: id).sorted(by: { $0.descriptor.name < $1.descriptor.name }) {
            try store.forEachSample(sourceID: source.id) { t, value in
                text += "\(source.descriptor.name)\t\(t)\t\(SampleDigest.valueText(value))\n"
            }
        }
        let digest = try SampleDigest.compute(store: store, runID: id)
        #expect(digest.sha256 == FieldDigest.sha256Hex(Array(text.utf8)))
        #expect(digest.count == 3 * 16)
        #expect(digest.sources.map(\.name) == ["node.cpu.busy_seconds", "rapl.package-0", "workload.cpu_seconds"])
        #expect(try SampleDigest.compute(store: store, runID: id) == digest)
    }

    @Test func aChangedSampleNamesItsSource() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try synthetic(dir)
        let signed = try SampleDigest.compute(store: store, runID: id)
        let sources = try store.sources(runID: id)
        let rapl = try #require(sources.first { $0.descriptor.name == "rapl.package-0" })
        try SampleTampering.add(1, toSample: 5, sourceID: rapl.id, databasePath: store.path)  // t = 0.5 s
        let now = try SampleDigest.compute(store: store, runID: id)
        #expect(now.differences(from: signed) == ["source rapl.package-0 changed (16 samples signed, 16 stored)"])
        let cpu = try #require(sources.first { $0.descriptor.name == "workload.cpu_seconds" })
        try SampleTampering.deleteSamples(sourceID: cpu.id, databasePath: store.path)
        let fewer = try SampleDigest.compute(store: store, runID: id)
        #expect(fewer.differences(from: signed).contains("source workload.cpu_seconds changed (16 samples signed, 0 stored)"))
    }
}
