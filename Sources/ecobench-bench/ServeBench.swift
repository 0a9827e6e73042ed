import EcobenchCore
import Foundation

/// (4d) `ecobench serve`'s runs list over a database of many runs (issue 17: p99 < 100 ms at
/// 1,000 runs): short synthetic runs (1 repetition, 4 phases of 1 s at 10 Hz, the channels of
/// `AnalysisBench`) written straight into a database, then the list (`ServeCatalog` + the HTML
/// page, what `GET /` does without the HTTP round trip) timed: each page's first view (its rows'
/// reports built and cached), then `requests` views with random filters, sorts and pages.
enum ServeBench {
    static func run(_ args: BenchArguments) throws {
        let path = args.string("db", "/dev/shm/ecobench-bench-serve.db")
        let runs = args.int("runs", 1000)
        let requests = args.int("requests", 200)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        let writeStart = MonotonicClock.nowNanoseconds()
        let store = try RunStore(path: path)
        for i in 0..<runs { try write(store: store, index: i) }
        print("serve-list wrote runs=\(runs) seconds=\(format(BenchClock.seconds(since: writeStart), 2))")
        let catalog = try ServeCatalog(databasePath: path)
        let links = ServeLinks(token: nil)
        func view(_ query: ServeRunQuery) throws -> Double {
            let start = MonotonicClock.nowNanoseconds()
            let page = try catalog.runs(query)
            _ = ServeRunsHTML.render(page, query: query, links: links)
            return BenchClock.seconds(since: start) * 1000
        }
        var first: [Double] = []
        for page in 1...max(1, (runs + 49) / 50) {
            var query = ServeRunQuery()
            query.page = page
            first.append(try view(query))
        }
        let coldCatalog = try ServeCatalog(databasePath: path)
        let warmStart = MonotonicClock.nowNanoseconds()
        let built = coldCatalog.warm()
        print("serve-list warm-at-start rows=\(built) seconds=\(format(BenchClock.seconds(since: warmStart), 2))")
        var warm: [Double] = []
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for _ in 0..<requests {
            var query = ServeRunQuery()
            query.sort = ServeRunQuery.SortKey.allCases[next(ServeRunQuery.SortKey.allCases.count)]
            query.descending = next(2) == 0
            query.page = 1 + next(max(1, runs / 50))
            if next(4) == 0 { query.workload = "synthetic-\(next(3))" }
            if next(4) == 0 { query.status = "completed" }
            warm.append(try view(query))
        }
        print("serve-list first_view_per_page_ms p50=\(format(percentile(first, 0.5), 1)) "
              + "max=\(format(first.max() ?? 0, 1)) (50 reports built per page)")
        print("serve-list cached_ms p50=\(format(percentile(warm, 0.5), 2)) p99=\(format(percentile(warm, 0.99), 2)) "
              + "max=\(format(warm.max() ?? 0, 2)) requests=\(requests) target_p99_ms=100 "
              + "peak_rss_mb=\(format(Double(RunOverhead.peakRSSBytes() ?? 0) / 1e6, 1))")
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
    }

    /// One completed run: 4 phases of 1 s at 10 Hz, 1,000 units in the load phase.
    static func write(store: RunStore, index: Int) throws {
        let hz = 10.0
        let settings = RunSettings(
            description: "synthetic run \(index)",
            phaseDurations: PhaseDurations(baselineS: 1, idleS: 1, loadS: 1, cooldownS: 1),
            repetitions: 1, intervalS: 1 / hz, idlePolicy: .none, carbon: GridIntensity.userSupplied(400),
            cpuTdpWatts: nil, sysfsRoot: "/sys", procRoot: "/proc", workloadTracking: "cgroup v2 synthetic")
        let host = ReportHost(hostname: "bench-\(index % 4)", cpuModel: "Synthetic", logicalCpus: 2, sockets: 2,
                              memoryBytes: 1 << 33, kernel: "6.1", os: "Debian 12")
        let interval = Int64(1e9 / hz)
        let id = try store.createRun(NewRun(
            workload: "synthetic-\(index % 3)", workloadFile: "synthetic.yaml", workloadYAML: "", functionalUnit: "request",
            startedAt: String(format: "2026-01-01T00:%02d:%02dZ", (index / 60) % 60, index % 60),
            clockStartUnixNanoseconds: 0, intervalNanoseconds: interval,
            settingsJSON: try ReportCoding.encodeString(settings), hostJSON: try ReportCoding.encodeString(host),
            pid: getpid(), ecobenchVersion: EcobenchVersion.current))
        let descriptors = AnalysisBench.channels()
        let ids = try store.registerSources(runID: id, descriptors)
        var values = SyntheticValues(channels: descriptors.count, intervalNanoseconds: interval)
        var t: Int64 = 0
        for name in [PhaseName.baseline, .idle, .load, .cooldown] {
            let phase = try store.beginPhase(runID: id, repetition: 1, name: name, startNanoseconds: t)
            var batch = values.batch(sourceIDs: ids, ticks: Int(hz))
            for i in 0..<Int(hz) { batch.values[i * descriptors.count + 23] = 20 }  // workload.processes
            try store.insert(batch)
            t = values.t
            try store.endPhase(id: phase, endNanoseconds: t, functionalUnits: name == .load ? 1000 : nil)
        }
        try store.finishRun(id: id, status: .completed, endedAt: "2026-01-01T01:00:00Z", error: nil)
    }
}
