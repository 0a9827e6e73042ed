import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The buffer's pod cgroup scans (`agent_pod_scans`): one row per scan whatever the pods, read
/// back as one column per pod, kept as long as the ticks around them.
@Suite struct AgentBufferPodTests {
    static func pod(_ uid: String, _ seconds: Double, qos: String = "burstable") -> PodCgroupCPU {
        PodCgroupCPU(podUID: uid, qos: qos, cpuSeconds: seconds, path: "/fixture/\(uid)/cpu.stat")
    }

    @Test func churningPodsAreColumnsWithNullsAndAddNoTickLayout() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path + "/buffer.db"
        let buffer = try AgentBuffer(path: path, maxSamples: 100)
        try buffer.append(names: ["node.cpu.busy_seconds"], timesUnixNanoseconds: [5], values: [0], counters: [:])
        try buffer.appendPodScan(timeUnixNanoseconds: 10, pods: [Self.pod("a", 1)])
        try buffer.appendPodScan(timeUnixNanoseconds: 20, pods: [Self.pod("a", 2), Self.pod("b", 0.5, qos: "besteffort")])
        try buffer.appendPodScan(timeUnixNanoseconds: 30, pods: [Self.pod("b", 0.75, qos: "besteffort")])
        try buffer.appendPodScan(timeUnixNanoseconds: 40, pods: [])
        let all = try buffer.podScans(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, limit: 100)
        #expect(all.pods == ["a", "b"] && all.qos == ["burstable", "besteffort"])
        #expect(all.rows.map(\.timeUnixNanoseconds) == [10, 20, 30, 40])
        #expect(all.rows.map(\.values) == [[1, nil], [2, 0.5], [nil, 0.75], [nil, nil]])
        #expect(!all.truncated)
        #expect(try buffer.lastPodScanUnixNanoseconds() == 40)

        // Ticks keep their one layout; the pods never enter /samples.
        let ticks = try buffer.samples(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, limit: 100)
        #expect(ticks.sources == ["node.cpu.busy_seconds"])

        let page = try buffer.podScans(fromUnixNanoseconds: 15, toUnixNanoseconds: .max, limit: 2)
        #expect(page.truncated && page.rows.map(\.timeUnixNanoseconds) == [20, 30] && page.pods == ["a", "b"])
        let json = try page.json(fromUnixNanoseconds: 15, toUnixNanoseconds: 99, scanIntervalNanoseconds: 5_000_000_000,
                             clockUnixNanoseconds: 7, clockMonotonicNanoseconds: 8)
        #expect(json.contains("\"pods\":[\"a\",\"b\"],\"qos\":[\"burstable\",\"besteffort\"]"))
        #expect(json.contains("\"rows\":[[20,2,0.5],[30,null,0.75]]"))
        #expect(json.contains("\"truncated\":true") && json.contains("\"scan_interval_ns\":5000000000"))

        let reopened = try AgentBuffer(path: path, maxSamples: 100)
        #expect(try reopened.podScanCount() == 4)
    }

    @Test func scansOlderThanTheOldestTickAreDropped() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let buffer = try AgentBuffer(path: dir.path + "/buffer.db", maxSamples: 3)
        for t in Int64(0)..<6 {
            try buffer.append(names: ["x"], timesUnixNanoseconds: [t * 10], values: [Double(t)], counters: [:])
            try buffer.appendPodScan(timeUnixNanoseconds: t * 10 + 5, pods: [Self.pod("a", Double(t))])
        }
        // Ticks 30, 40, 50 stay, so the scans before 30 are gone (and never more than maxSamples stay).
        let scans = try buffer.podScans(fromUnixNanoseconds: 0, toUnixNanoseconds: .max, limit: 100)
        #expect(scans.rows.map(\.timeUnixNanoseconds) == [35, 45, 55])
        #expect(try buffer.podScanCount() == 3)
    }
}
