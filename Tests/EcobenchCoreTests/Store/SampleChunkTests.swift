import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct SampleChunkTests {
    /// Irregular times, gaps (NaN) and more ticks than one chunk holds come back as written,
    /// and bracketing skips gaps across chunk borders.
    @Test func packedSamplesRoundTripAndBracketAcrossChunks() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0, workloadCPUPerSecond: 0),
        ]])
        let source = try #require(try store.sources(runID: id).first)
        var batch = SampleBatch(sourceIDs: [source.id])
        var written: [(Int64, Double)] = []
        var t: Int64 = 2_000_000_000
        for i in 0..<150 {
            t += Int64(1_000_000 + (i % 7) * 333_333)
            let value = (60..<140).contains(i) ? Double.nan : Double(i) * 0.5
            written.append((t, value))
            [value].withUnsafeBufferPointer { batch.append(timeNanoseconds: t, values: $0) }
        }
        try store.insert(batch)
        var read: [(Int64, Double)] = []
        try store.forEachSample(sourceID: source.id, from: 2_000_000_000) { read.append(($0, $1)) }
        #expect(read.count == written.count)
        for (a, b) in zip(read, written) {
            #expect(a.0 == b.0)
            #expect(a.1 == b.1 || (a.1.isNaN && b.1.isNaN))
        }
        let middle = written[100].0
        let around = try store.bracketingSamples(sourceID: source.id, at: middle)
        #expect(around.before?.t == written[59].0)
        #expect(around.after?.t == written[140].0)
        var window: [Int64] = []
        try store.forEachSample(sourceID: source.id, from: written[70].0, to: written[75].0) { t, _ in window.append(t) }
        #expect(window == written[70...75].map(\.0))
    }

    /// Rows of the pre-migration-3 `samples` table are re-packed when a store opens.
    @Test func legacyRowsAreRepackedOnOpen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/e.db"
        let store = try RunStore(path: path)
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0, workloadCPUPerSecond: 0),
        ]])
        let source = try #require(try store.sources(runID: id).first)
        let raw = try SQLiteDatabase(path: path)
        try raw.execute("""
            INSERT INTO samples(source_id, t_ns, value) VALUES (\(source.id), 9000000000, 42.0),
              (\(source.id), 9100000000, NULL), (\(source.id), 9200000000, 43.5)
            """)
        let reopened = try RunStore(path: path)
        var tail: [(Int64, Double)] = []
        try reopened.forEachSample(sourceID: source.id, from: 9_000_000_000) { tail.append(($0, $1)) }
        #expect(tail.map(\.0) == [9_000_000_000, 9_100_000_000, 9_200_000_000])
        #expect(tail[0].1 == 42 && tail[1].1.isNaN && tail[2].1 == 43.5)
        var left: Int64 = -1
        try raw.prepare("SELECT count(*) FROM samples").query { left = $0.int64(0) }
        #expect(left == 0)
    }

    @Test func overheadRoundTrips() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/e.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 1, powerWatts: 10, busyCPUPerSecond: 0.5, workloadCPUPerSecond: 0),
            .init(.load, seconds: 1, powerWatts: 30, busyCPUPerSecond: 1, workloadCPUPerSecond: 0.5),
        ]])
        let own = RunOverhead(samplerCPUSeconds: 0.01, writerCPUSeconds: 0.002, ticks: 20, peakRSSBytes: 1 << 24,
                              wallSeconds: 2)
        try store.setOverhead(runID: id, own)
        #expect(try store.overhead(runID: id) == own)
        let report = try ReportBuilder(store: store).build(runID: id)
        let overhead = try #require(report.overhead)
        #expect(overhead.ticks == 20 && overhead.peakRssBytes == 1 << 24)
        // Node busy CPU over the run: 0.5 + 1 s; own CPU 0.012 s.
        #expect(abs(overhead.shareOfNodeCpu - 0.012 / 1.5) < 1e-9)
        #expect(overhead.estimatedEnergyJ > 0)
    }
}
