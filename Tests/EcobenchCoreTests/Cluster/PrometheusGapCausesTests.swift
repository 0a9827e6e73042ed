import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCollect
@testable import EcobenchCluster

/// A gap of a Prometheus series names its cause (issue 12): where the gaps are, the words for
/// what `up` and the targets say, and the notes that carry them. Expected texts are written by hand.
@Suite struct PrometheusGapCausesTests {
    static func points(_ times: [Double], watts: Double = 10) -> [PrometheusPoint] {
        times.map { PrometheusPoint(timeSeconds: $0, value: watts * $0) }
    }

    /// Scrapes at 0, 1, 2, 3, 7, 8, 9 s: spacings 1, 1, 1, 4, 1, 1, median 1 s, gap limit 3 × 1 = 3 s.
    static let times: [Double] = [0, 1, 2, 3, 7, 8, 9]

    @Test func gapSpansAndUncoveredEndsAreThePairsAroundThem() {
        // [1, 13]: the pair 3 → 7 (4 s > 3 s) is the gap; the tail 9 → 13 (4 s > 3 s) has no samples;
        // the head 1 → 1 is covered.
        let amount = SeriesWindowAmount.counterIncrease(Self.points(Self.times), fromSeconds: 1, toSeconds: 13)
        #expect(amount.gaps == 1 && amount.gapSpans == [3...7], "\(amount)")
        #expect(amount.uncoveredEnds == [9...13], "\(amount)")
        // [1, 12]: the tail 9 → 12 is 3 s, not longer than the limit: no uncovered end.
        #expect(SeriesWindowAmount.counterIncrease(Self.points(Self.times), fromSeconds: 1, toSeconds: 12).uncoveredEnds == [])
        // [4, 6]: inside the gap pair: one gap, no uncovered end (samples on both sides).
        let inside = SeriesWindowAmount.counterIncrease(Self.points(Self.times), fromSeconds: 4, toSeconds: 6)
        #expect(inside.gapSpans == [3...7] && inside.uncoveredEnds == [])
        // [20, 30], all samples before it: the whole window is an uncovered end (9 → 30 clipped: 20 → 30).
        #expect(SeriesWindowAmount.counterIncrease(Self.points(Self.times), fromSeconds: 20, toSeconds: 30).uncoveredEnds
                == [20...30])
        // One sample (no median spacing): any uncovered end counts.
        #expect(SeriesWindowAmount.counterIncrease(Self.points([5]), fromSeconds: 4, toSeconds: 6).uncoveredEnds
                == [4...5, 5...6])
    }

    static let refused = "Get \"http://127.0.0.1:9/metrics\": dial tcp 127.0.0.1:9: connect: connection refused"

    @Test func theWordsSayWhatUpAndTheTargetTell() {
        func up(_ values: [Double]) -> [PrometheusPoint] {
            values.enumerated().map { PrometheusPoint(timeSeconds: Double($0.offset), value: $0.element) }
        }
        let down = PrometheusTarget(labels: ["job": "node", "instance": "127.0.0.1:9"], health: "down", lastError: Self.refused)
        #expect(PrometheusGapCauses.describe(up: up([0, 0]), target: down, agentCauses: [])
                == "scrape failed (up == 0): " + Self.refused)
        #expect(PrometheusGapCauses.describe(up: up([1, 0, 0]), target: down, agentCauses: [])
                == "scrape failed (up == 0 in 2 of 3 scrapes): " + Self.refused)
        // A target that answers again: its latest error is not this gap's, so none is quoted.
        let upAgain = PrometheusTarget(labels: down.labels, health: "up", lastError: "")
        #expect(PrometheusGapCauses.describe(up: up([0, 0]), target: upAgain, agentCauses: []) == "scrape failed (up == 0)")
        #expect(PrometheusGapCauses.describe(up: up([0]), target: nil, agentCauses: []) == "scrape failed (up == 0)")
        #expect(PrometheusGapCauses.describe(up: up([1, 1]), target: nil, agentCauses: [])
                == "the exporter answered without this series")
        #expect(PrometheusGapCauses.describe(up: up([1]), target: nil, agentCauses: ["permission denied", "vanished"])
                == "the exporter answered without this series (the agent counted unreadable readings: permission denied, vanished)")
        #expect(PrometheusGapCauses.describe(up: [], target: nil, agentCauses: [])
                == "no scrape recorded (Prometheus did not scrape the target then: stopped, or the target not discovered)")
        #expect(PrometheusGapCauses.escape("a\"b\\c") == "a\\\"b\\\\c")
    }

    @Test func theNotesNameEachStretchWithItsCause() throws {
        let labels = ["__name__": "node_rapl_package_joules_total", "index": "0", "path": "/sys/x",
                      "job": "node", "instance": "n1:9100"]
        let series = PrometheusSeries(labels: labels, points: Self.points(Self.times))
        let source = PrometheusNodeEnergySource(client: try PrometheusClient(baseURL: "http://prometheus.invalid"),
                                                exporters: [.nodeRAPL])
        var asked: [String] = []
        let readings = source.readings([(.nodeRAPL, ["n1": [series]])], unreadable: PrometheusUnreadableReadings([:]),
                                       start: 1, end: 13) { channel, span, open, node, agent in
            asked.append("\(span) \(open) \(node) \(agent)")
            return "cause of \(span.lowerBound)…\(span.upperBound)"
        }
        let reading = try #require(readings.first)
        let selector = "node_rapl_package_joules_total{index=\"0\",instance=\"n1:9100\",job=\"node\",path=\"/sys/x\"}"
        // The gap 3 → 7 s is 2.0 s–6.0 s from the window's start (1 s); the tail 9 → 13 s is 8.0 s–12.0 s.
        #expect(reading.notes.contains(selector + ": 1 gap(s) longer than 3× the median scrape spacing (counter increase "
                                       + "across them kept): 2.0 s–6.0 s: cause of 3.0…7.0"), "\(reading.notes)")
        #expect(reading.notes.contains(selector + ": no samples in 8.0 s–12.0 s of the window: cause of 9.0…13.0"),
                "\(reading.notes)")
        // The gap is closed (a sample follows it), the tail is open; not an agent.
        #expect(asked == ["3.0...7.0 false n1 false", "9.0...13.0 true n1 false"])

        // Without a cause lookup the notes keep their words and add no stretch.
        let plain = try #require(source.readings([(.nodeRAPL, ["n1": [series]])], unreadable: PrometheusUnreadableReadings([:]),
                                                 start: 1, end: 13).first)
        #expect(plain.notes.contains(selector + ": 1 gap(s) longer than 3× the median scrape spacing (counter increase "
                                     + "across them kept)"), "\(plain.notes)")
        #expect(!plain.notes.contains { $0.contains("no samples in") })
    }

    @Test func atMostThreeStretchesAreNamed() {
        let spans: [ClosedRange<Double>] = [10...14, 20...24, 30...34, 40...44, 50...54]
        // Window [10, 60]: offsets 0–4, 10–14, 20–24, then 2 more.
        #expect(PrometheusNodeEnergySource.why(spans, start: 10, end: 60) { _ in "down" }
                == ": 0.0 s–4.0 s: down; 10.0 s–14.0 s: down; 20.0 s–24.0 s: down; and 2 more")
        #expect(PrometheusNodeEnergySource.why(spans, start: 10, end: 60) { _ in nil } == "")
    }

    @Test func theCauseCategoriesAreTheCauseTextsFirstWords() {
        // ReadingFailure's own texts, the ones the agent's sampler stores.
        let cases: [(ReadingFailure?, PrometheusUnreadableCause)] = [
            (.permissionDenied(path: "/p"), .permissionDenied), (.vanished(path: "/p"), .vanished),
            (.parse(path: "/p", text: "x"), .parseError), (.reset(path: "/p", fromValue: 5, toValue: 1, unit: "µJ"), .reset),
            (.replaced(path: "/p"), .other), (.unreadable(path: "/p", detail: "EIO"), .other), (nil, .other)
        ]
        for (failure, category) in cases {
            #expect(PrometheusUnreadableCause(reason: failure?.description) == category, "\(String(describing: failure))")
        }
        #expect(PrometheusUnreadableCause.permissionDenied.words == "permission denied")
        #expect(PrometheusUnreadableCause.parseError.rawValue == "parse_error")
    }

    @Test func theTargetsAnswerIsTyped() throws {
        // The shape of Prometheus 2.42's /api/v1/targets (its documentation's example, trimmed).
        let body = Data("""
            {"status":"success","data":{"activeTargets":[{"discoveredLabels":{"__address__":"127.0.0.1:9"},
            "labels":{"instance":"127.0.0.1:9","job":"node"},"scrapePool":"node","scrapeUrl":"http://127.0.0.1:9/metrics",
            "globalUrl":"http://h:9/metrics","lastError":"\(Self.refused.replacingOccurrences(of: "\"", with: "\\\""))",
            "lastScrape":"2026-12-06T08:00:00Z","lastScrapeDuration":0.001,"health":"down","scrapeInterval":"1s",
            "scrapeTimeout":"900ms"}],"droppedTargets":[]}}
            """.utf8)
        let targets = try PrometheusTarget.parse(status: 200, body: body, url: "http://p")
        #expect(targets == [PrometheusTarget(labels: ["instance": "127.0.0.1:9", "job": "node"],
                                             scrapeUrl: "http://127.0.0.1:9/metrics", health: "down", lastError: Self.refused)])
        #expect(throws: PrometheusError.malformed(url: "http://p", query: "/api/v1/targets?state=active",
                                                  field: "data.activeTargets", detail: "missing")) {
            try PrometheusTarget.parse(status: 200, body: Data(#"{"status":"success","data":{}}"#.utf8), url: "http://p")
        }
        #expect(throws: PrometheusError.httpStatus(url: "http://p", query: "/api/v1/targets?state=active", status: 503,
                                                   errorType: nil, error: nil)) {
            try PrometheusTarget.parse(status: 503, body: Data("busy".utf8), url: "http://p")
        }
    }
}
