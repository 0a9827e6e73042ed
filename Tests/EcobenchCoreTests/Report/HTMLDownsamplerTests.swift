import EcobenchCore
import EcobenchTestSupport
import Testing

/// Power from energy counter deltas, averaged into buckets: at most `maxPoints`, energy conserved,
/// gaps left empty, and the series read from a real store.
struct HTMLDownsamplerTests {
    @Test func constantPowerStaysConstantAndPointsAreCapped() {
        // 1 h sampled every 100 ms at 50 W: 36 000 intervals into 600 buckets.
        var sampler = HTMLDownsampler(startS: 0, endS: 3600, maxPoints: 600, samplingIntervalS: 0.1)
        var counter = 0.0
        for i in 0..<36_000 {
            let t = Double(i) * 0.1
            sampler.addCounter(from: (t, counter), to: (t + 0.1, counter + 5))
            counter += 5
        }
        let points = sampler.points
        #expect(points.count == 600)
        for point in points {
            #expect(abs((point.watts ?? 0) - 50) < 1e-9, "bucket at \(point.t) s: \(String(describing: point.watts))")
        }
        #expect(abs(sampler.totalEnergyJ - 180_000) < 1e-6)
    }

    @Test func bucketsAverageAndConserveEnergy() {
        // 10 s: 2 s at 10 W, 8 s at 30 W, sampled every 0.5 s, into 5 buckets of 2 s.
        var sampler = HTMLDownsampler(startS: 0, endS: 10, maxPoints: 5)
        var counter = 0.0
        for i in 0..<20 {
            let t = Double(i) * 0.5
            let watts = t < 2 ? 10.0 : 30.0
            sampler.addCounter(from: (t, counter), to: (t + 0.5, counter + watts * 0.5))
            counter += watts * 0.5
        }
        let watts = sampler.points.map { $0.watts ?? -1 }
        #expect(watts == [10, 30, 30, 30, 30])
        let integral = sampler.points.reduce(0.0) { $0 + ($1.watts ?? 0) * $1.coveredS }
        #expect(abs(integral - counter) < 1e-9)
    }

    @Test func anIntervalSpanningBucketsIsSplitByTime() {
        var sampler = HTMLDownsampler(startS: 0, endS: 4, maxPoints: 4)
        sampler.add(fromS: 0.5, toS: 2.5, energyJ: 40)  // 20 W over 2 s
        let points = sampler.points
        #expect(points.map(\.watts) == [20, 20, 20, nil])
        #expect(points.map(\.coveredS) == [0.5, 1, 0.5, 0])
    }

    @Test func gapsAndCounterResetsDrawNothing() {
        var sampler = HTMLDownsampler(startS: 0, endS: 4, maxPoints: 4)
        sampler.addCounter(from: (0, 100), to: (1, 110))
        sampler.addCounter(from: (2, 120), to: (3, 5))  // counter reset: skipped, not negative power
        let points = sampler.points
        #expect(points[0].watts == 10)
        #expect(points[1].watts == nil && points[2].watts == nil && points[3].watts == nil)
    }

    @Test func noBucketIsNarrowerThanTheSamplingInterval() {
        let sampler = HTMLDownsampler(startS: 0, endS: 5, maxPoints: 600, samplingIntervalS: 0.1)
        #expect(sampler.bucketCount == 50)
    }

    @Test func seriesFromAStoreFollowTheSyntheticPowers() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 10, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 10, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2,
                  functionalUnits: 100),
        ]])
        let report = try ReportBuilder(store: store).build(runID: id)
        let series = try HTMLPowerSeries.load(store: store, report: report, maxPoints: 20)
        let package = try #require(series.first)
        #expect(series.count == 1 && package.name == "rapl.package-0" && package.kind == .measured)
        #expect(package.points.count == 20)
        #expect(abs((package.points[2].watts ?? 0) - 20) < 1e-6)
        #expect(abs((package.points[15].watts ?? 0) - 60) < 1e-6)
        #expect(abs((package.meanWatts ?? 0) - 40) < 1e-6)
    }
}
