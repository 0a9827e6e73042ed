import Foundation
import Testing
import EcobenchCore
@testable import EcobenchCluster

/// A RAPL counter reset inside an agent, seen through Prometheus: the agent's energy counter is
/// flat across it, its unreadable-reading counters step; the import lowers the window's coverage
/// and says so as the agent path does.
@Suite struct PrometheusUnreadableReadingsTests {
    static let labels = ["instance": "n1:9464", "source": "rapl.package-0"]

    /// Scrapes every 1 s, t = 0…10 s, of an agent reading 20 W every 50 ms whose reading at 4.5 s
    /// was unreadable: the readings around it are at 4.45 and 4.55 s, 0.1 s counted 0 J (2 J).
    /// Energy 20·t up to 4 s, 20·t − 2 from 5 s; the counters 0 up to 4 s, 1 reading and 0.1 s from 5 s.
    static func series(withCounters: Bool) -> [String: [PrometheusSeries]] {
        let times = (0...10).map(Double.init)
        func points(_ value: (Double) -> Double) -> [PrometheusPoint] {
            times.map { PrometheusPoint(timeSeconds: $0, value: value($0)) }
        }
        var energy = labels.merging(["kind": "measured", "role": "package"]) { a, _ in a }
        energy["__name__"] = "ecobench_node_energy_joules_total"
        var out = [PrometheusSeries(labels: energy, points: points { 20 * $0 - ($0 >= 5 ? 2 : 0) })]
        if withCounters {
            out.append(PrometheusSeries(labels: labels.merging(["__name__": PrometheusUnreadableReadings.readingsMetric]) { a, _ in a },
                                        points: points { $0 >= 5 ? 1 : 0 }))
            out.append(PrometheusSeries(labels: labels.merging(["__name__": PrometheusUnreadableReadings.secondsMetric]) { a, _ in a },
                                        points: points { $0 >= 5 ? 0.1 : 0 }))
        }
        return ["n1": out]
    }

    static func reading(start: Double, end: Double, withCounters: Bool = true) throws -> NodeEnergyReading {
        let source = PrometheusNodeEnergySource(client: try PrometheusClient(baseURL: "http://prometheus.invalid"),
                                                exporters: [.agent])
        let all = series(withCounters: withCounters)
        let energy = all.mapValues { $0.filter { $0.name == "ecobench_node_energy_joules_total" } }
        let counters = all.mapValues { $0.filter { $0.name != "ecobench_node_energy_joules_total" } }
        let readings = source.readings([(.agent, energy)], unreadable: PrometheusUnreadableReadings(counters),
                                       start: start, end: end)
        return try #require(readings.first { $0.node == "n1" })
    }

    static let note = "rapl.package-0: 1 unreadable reading(s) (a counter reset or a vanished zone): the interval to each counted 0 J"

    @Test func theWindowHoldingTheScrapeThatShowsTheStepLosesTheUncoveredTime() throws {
        // [2, 8] s: energy (20·8 − 2) − 20·2 = 118 J; the step shows at the 5 s scrape, inside:
        // coverage 1 − 0.1/6 = 0.983333…; the 0.1 s counted 0 J bounded by the mean power
        // 118/6 W × 0.1 s = 1.966667 J, rectangular: 1.966667/√3 = 1.135455 J.
        let reading = try Self.reading(start: 2, end: 8)
        #expect(abs(reading.energyJoules - 118) < 1e-9)
        #expect(abs(reading.coverage - 0.9833333333) < 1e-9, "\(reading)")
        #expect(reading.notes.contains(Self.note), "\(reading.notes)")
        #expect(!reading.notes.contains { $0.hasPrefix("samples cover") }, "the samples do cover the window: \(reading.notes)")
        #expect(abs((reading.uncertainty?.gapJ ?? 0) - 1.135455) < 1e-5, "\(String(describing: reading.uncertainty))")

        // [4, 5] s: the same step, a 1 s window: coverage 1 − 0.1/1 = 0.9.
        let short = try Self.reading(start: 4, end: 5)
        #expect(abs(short.coverage - 0.9) < 1e-9 && short.notes.contains(Self.note), "\(short)")
    }

    @Test func otherWindowsAndAbsentSeriesAreUntouched() throws {
        // (5, 8]: the 5 s scrape is the window's start, the step belongs to the window before.
        let after = try Self.reading(start: 5, end: 8)
        #expect(after.coverage == 1 && after.notes.isEmpty && after.uncertainty?.gapJ == 0, "\(after)")
        // An agent without the counters (older ones): nothing to flag, no error.
        let old = try Self.reading(start: 2, end: 8, withCounters: false)
        #expect(old.coverage == 1 && old.notes.isEmpty, "\(old)")
    }

    @Test func stepsCountFromZeroAfterARestart() {
        // 0 → 2 → 3 → 1 (restarted, counted 1 from 0): 2 + 1 + 1 = 4; the step to the first
        // sample (t = 0) is outside (0, 3].
        let points = [0.0, 2, 3, 1].enumerated().map { PrometheusPoint(timeSeconds: Double($0.offset), value: $0.element) }
        #expect(PrometheusUnreadableReadings.steps(points, fromSeconds: 0, toSeconds: 3) == 4)
        #expect(PrometheusUnreadableReadings.steps(points, fromSeconds: 1, toSeconds: 2) == 1)
    }

    /// The agent's counters by cause category: the categories stepping in the window name the
    /// readings' causes in the note, in the order of their first step.
    @Test func theAgentsCauseCountersNameTheCauses() throws {
        var all = Self.series(withCounters: true)
        func cause(_ name: String, stepAt: Double) -> PrometheusSeries {
            PrometheusSeries(labels: ["__name__": PrometheusUnreadableReadings.causeMetric, "instance": "n1:9464",
                                      "channel": "rapl.package-0", "cause": name],
                             points: (0...10).map { PrometheusPoint(timeSeconds: Double($0), value: Double($0) >= stepAt ? 1 : 0) })
        }
        // reset steps at the 6 s scrape, permission_denied at 5 s, vanished never (flat at 0).
        all["n1", default: []] += [cause("reset", stepAt: 6), cause("permission_denied", stepAt: 5),
                                   cause("vanished", stepAt: 99)]
        let counters = all.mapValues { $0.filter { $0.name != "ecobench_node_energy_joules_total" } }
        let unreadable = PrometheusUnreadableReadings(counters)
        #expect(unreadable.causes(node: "n1", channel: "rapl.package-0", fromSeconds: 2, toSeconds: 8)
                == ["permission denied", "reset"])
        // (5, 8]: the 5 s step is the window before's; (6, 8]: none.
        #expect(unreadable.causes(node: "n1", channel: "rapl.package-0", fromSeconds: 5, toSeconds: 8) == ["reset"])
        #expect(unreadable.causes(node: "n1", channel: "rapl.package-0", fromSeconds: 6, toSeconds: 8) == [])
        #expect(unreadable.causes(node: "n2", channel: "rapl.package-0", fromSeconds: 2, toSeconds: 8) == [])

        let source = PrometheusNodeEnergySource(client: try PrometheusClient(baseURL: "http://prometheus.invalid"),
                                                exporters: [.agent])
        let energy = all.mapValues { $0.filter { $0.name == "ecobench_node_energy_joules_total" } }
        let reading = try #require(source.readings([(.agent, energy)], unreadable: unreadable, start: 2, end: 8).first)
        #expect(reading.notes.contains("rapl.package-0: 1 unreadable reading(s) (permission denied; reset): the interval "
                                       + "to each counted 0 J"), "\(reading.notes)")
        // A restart (step down to a value above 0) counts as a step; down to 0 does not.
        let restart = [3.0, 1, 0].enumerated().map { PrometheusPoint(timeSeconds: Double($0.offset), value: $0.element) }
        #expect(PrometheusUnreadableReadings.firstStep(restart, fromSeconds: 0, toSeconds: 2) == 1)
        #expect(PrometheusUnreadableReadings.firstStep(restart, fromSeconds: 1, toSeconds: 2) == nil)
    }
}
