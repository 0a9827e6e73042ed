import EcobenchCore
@testable import EcobenchAgent
import Testing

/// The agent's readings through swift-prometheus: counters shown at the reading (growth only),
/// gauges set, series that are gone removed, label values escaped by the library.
@Suite("Agent /metrics registry")
struct AgentMetricsRegistryTests {
    @Test func countersFollowReadingsGaugesAreSetAndGoneSeriesDisappear() {
        let registry = AgentMetricsRegistry()
        let first = registry.render { out in
            out.counter("x_joules_total", labels: [("source", "a\"b\\c\nd")], help: "X.", value: 12.5)
            out.counter("x_joules_total", labels: [("source", "gone")], help: "X.", value: 3)
            out.gauge("y_samples", help: "Y.", value: 7)
        }
        #expect(first.contains("# TYPE x_joules_total counter"))
        #expect(first.contains("# HELP x_joules_total X."))
        #expect(first.contains(#"x_joules_total{source="a\"b\\c\nd"} 12.5"#), "\(first)")
        #expect(first.contains("y_samples 7"))
        let second = registry.render { out in
            out.counter("x_joules_total", labels: [("source", "a\"b\\c\nd")], help: "X.", value: 20)
            out.gauge("y_samples", help: "Y.", value: 2)
        }
        #expect(second.contains(#"x_joules_total{source="a\"b\\c\nd"} 20"#), "\(second)")
        #expect(!second.contains("gone"))
        #expect(second.contains("y_samples 2"))
        // A reading below what was shown leaves the counter where it was (a _total never falls).
        let third = registry.render { out in
            out.counter("x_joules_total", labels: [("source", "a\"b\\c\nd")], help: "X.", value: 19)
            out.gauge("y_samples", help: "Y.", value: 2)
        }
        #expect(third.contains(#"x_joules_total{source="a\"b\\c\nd"} 20"#), "\(third)")
    }
}
