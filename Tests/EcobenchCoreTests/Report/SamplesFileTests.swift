import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// `samples.csv` (`ecobench report --format csv`) and the export's `samples.csv` / `samples.jsonl`
/// are written byte by byte through `SampleFileBuffer`; their text is that of Swift's `Double`
/// description (shortest round trip: "0.1", "1e-05", "3e+16"), written out here by hand.
@Suite struct SamplesFileTests {
    /// Two sources, three ticks: a name with a comma (quoted in CSV), a gap (NaN), a tiny and a
    /// huge value, and a time whose seconds need four decimals.
    func store(_ dir: TemporaryDirectory) throws -> (RunStore, Int64) {
        let store = try RunStore(path: dir.path + "/s.db")
        let id = try store.createRun(NewRun(
            workload: "w", workloadFile: "w.yaml", workloadYAML: "", functionalUnit: "request",
            startedAt: "2026-01-01T00:00:00Z", clockStartUnixNanoseconds: 0, intervalNanoseconds: 100_000_000,
            settingsJSON: "{}", hostJSON: "{}", pid: 1, ecobenchVersion: "test"))
        let ids = try store.registerSources(runID: id, [
            SourceDescriptor(name: "rapl.package,0", kind: .measured, unit: "J", semantics: .counter, scope: .node,
                             path: "/sys"),
            SourceDescriptor(name: "workload.processes", kind: .measured, unit: "count", semantics: .gauge,
                             scope: .workload, path: "cgroup"),
        ])
        var batch = SampleBatch(sourceIDs: ids)
        let rows: [(Int64, [Double])] = [(0, [1.5, 200]), (100_000_000, [.nan, 1e-05]),
                                         (12_345_678_900_000, [3e16, 123_456_789.25])]
        for (t, values) in rows { values.withUnsafeBufferPointer { batch.append(timeNanoseconds: t, values: $0) } }
        try store.insert(batch)
        return (store, id)
    }

    // t_s = t / 1e9: 0 -> "0.0", 100 000 000 -> "0.1", 12 345 678 900 000 -> "12345.6789".
    // Values: 1.5, gap (empty cell), 3e16 (>= 2^53, exponential: "3e+16"); 200.0, 1e-05, 123456789.25.
    static let reportCSV = """
        run_id,t_s,source,unit,kind,value
        1,0.0,"rapl.package,0",J,measured,1.5
        1,0.1,"rapl.package,0",J,measured,
        1,12345.6789,"rapl.package,0",J,measured,3e+16
        1,0.0,workload.processes,count,measured,200.0
        1,0.1,workload.processes,count,measured,1e-05
        1,12345.6789,workload.processes,count,measured,123456789.25

        """

    @Test(arguments: [1, 16, 1 << 20])
    func reportSamplesCSVIsTheHandWrittenText(bufferBytes: Int) throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try store(dir)
        let path = dir.path + "/samples.csv"
        try CSVWriter.writeSamples(store: store, runID: id, to: path, bufferBytes: bufferBytes)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == Self.reportCSV)
    }

    @Test func exportSamplesAreTheHandWrittenText() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try store(dir)
        let exporter = DatasetExporter(store: store)
        try exporter.writeSamples(runIDs: [id], format: .csv, to: dir.path + "/samples.csv")
        #expect(try String(contentsOfFile: dir.path + "/samples.csv", encoding: .utf8) == Self.reportCSV)
        try exporter.writeSamples(runIDs: [id], format: .json, to: dir.path + "/samples.jsonl")
        let lines = try String(contentsOfFile: dir.path + "/samples.jsonl", encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6)
        #expect(lines[1] == #"{"run_id":1,"t_s":0.1,"source":"rapl.package,0","unit":"J","kind":"measured","value":null}"#)
        #expect(lines[5] == #"{"run_id":1,"t_s":12345.6789,"source":"workload.processes","unit":"count","kind":"measured","value":123456789.25}"#)
    }

    /// A batch stored after a later one (chunks out of time order, as a late insert leaves them):
    /// the file is still each source in time order.
    @Test func chunksStoredOutOfTimeOrderComeOutInTimeOrder() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/late.db")
        let id = try store.createRun(NewRun(
            workload: "w", workloadFile: "w.yaml", workloadYAML: "", functionalUnit: "request",
            startedAt: "2026-01-01T00:00:00Z", clockStartUnixNanoseconds: 0, intervalNanoseconds: 1_000_000_000,
            settingsJSON: "{}", hostJSON: "{}", pid: 1, ecobenchVersion: "test"))
        let ids = try store.registerSources(runID: id, [
            SourceDescriptor(name: "a", kind: .measured, unit: "J", semantics: .counter, scope: .node, path: "/sys"),
            SourceDescriptor(name: "b", kind: .estimated, unit: "W", semantics: .gauge, scope: .node, path: "model"),
        ])
        let batches: [[(Int64, [Double])]] = [[(2_000_000_000, [2.0, 20.0]), (3_000_000_000, [3.0, 30.0])],
                                              [(1_000_000_000, [1.0, 10.0])]]
        for rows in batches {
            var batch = SampleBatch(sourceIDs: ids)
            for (t, values) in rows { values.withUnsafeBufferPointer { batch.append(timeNanoseconds: t, values: $0) } }
            try store.insert(batch)
        }
        let path = dir.path + "/samples.csv"
        try CSVWriter.writeSamples(store: store, runID: id, to: path)
        // Source a at 1, 2, 3 s (values 1.0, 2.0, 3.0), then source b (10.0, 20.0, 30.0).
        #expect(try String(contentsOfFile: path, encoding: .utf8) == """
            run_id,t_s,source,unit,kind,value
            1,1.0,a,J,measured,1.0
            1,2.0,a,J,measured,2.0
            1,3.0,a,J,measured,3.0
            1,1.0,b,W,estimated,10.0
            1,2.0,b,W,estimated,20.0
            1,3.0,b,W,estimated,30.0

            """)
    }

    @Test func aFileThatCannotBeCreatedIsNamed() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let (store, id) = try store(dir)
        let path = dir.path + "/missing/samples.csv"
        do {
            try CSVWriter.writeSamples(store: store, runID: id, to: path)
            Issue.record("a samples file in a missing directory was written")
        } catch let ReportError.cannotWrite(named, _) {
            #expect(named == path)
        }
    }
}
