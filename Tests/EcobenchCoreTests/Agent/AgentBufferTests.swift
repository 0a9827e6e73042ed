import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

@Suite struct AgentBufferTests {
    @Test func boundsSamplesCountsDropsAndKeepsThemAcrossReopen() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/buffer.db"
        let buffer = try AgentBuffer(path: path, maxSamples: 5)
        let names = ["rapl.psys", "node.memory.used_bytes"]
        for tick in 0..<8 {
            try buffer.append(names: names, timesUnixNanoseconds: [Int64(tick) * 100],
                              values: [Double(tick), tick == 6 ? .nan : 1000], counters: ["rapl.psys": Double(tick)])
        }
        #expect(buffer.sampleCount == 5)
        #expect(buffer.droppedSamples == 3)
        let range = try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: 650, limit: 100)
        #expect(range.sources == names)
        #expect(range.rows.map(\.timeUnixNanoseconds) == [300, 400, 500, 600])
        #expect(range.rows.last?.values == [6, nil])  // a gap is null
        #expect(!range.truncated)

        let reopened = try AgentBuffer(path: path, maxSamples: 5)
        #expect(reopened.sampleCount == 5)
        #expect(reopened.droppedSamples == 3)
        #expect(try reopened.lastCounters() == ["rapl.psys": 7])
    }

    @Test func mergesLayoutsAndTruncatesAtTheLimit() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 100)
        try buffer.append(names: ["a", "b"], timesUnixNanoseconds: [1, 2], values: [1, 2, 3, 4], counters: [:])
        // After a restart with other sources: a new layout; absent channels are null.
        try buffer.append(names: ["b", "c"], timesUnixNanoseconds: [3], values: [5, 6], counters: [:])
        let all = try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, limit: 100)
        #expect(all.sources == ["a", "b", "c"])
        #expect(all.rows.map(\.values) == [[1, 2, nil], [3, 4, nil], [nil, 5, 6]])
        let json = try all.json(fromUnixNanoseconds: 0, toUnixNanoseconds: 9, units: ["a": "J"],
                            clockUnixNanoseconds: 10, clockMonotonicNanoseconds: 11)
        // JSONEncoder writes a whole Double without ".0": the same JSON numbers as the buffer's values.
        #expect(json.contains("\"rows\":[[1,1,2,null],[2,3,4,null],[3,null,5,6]]"))
        #expect(json.contains("\"units\":[\"J\",\"\",\"\"]"))
        let first = try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, limit: 2)
        #expect(first.rows.count == 2 && first.truncated)
    }
}
