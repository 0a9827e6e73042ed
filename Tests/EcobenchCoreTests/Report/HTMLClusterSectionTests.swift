import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// The HTML page shows the `cluster` and `kubernetes` sections as tables, escaped.
struct HTMLClusterSectionTests {
    static let hostile = #"<b>n&1</b>"#

    func run() throws -> (TemporaryDirectory, RunStore, Int64) {
        let dir = try TemporaryDirectory()
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 2, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 2, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2,
                  functionalUnits: 100),
        ]])
        return (dir, store, id)
    }

    @Test func clusterSectionListsNodesPhasesAndTotals() throws {
        let (dir, store, id) = try run()
        defer { dir.remove() }
        let base: Int64 = 1_700_000_000_000_000_000
        let windows = [ClusterWindow(phase: "baseline", repetition: 1, startUnixNanoseconds: base,
                                     endUnixNanoseconds: base + 2_000_000_000),
                       ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: base + 2_000_000_000,
                                     endUnixNanoseconds: base + 4_000_000_000)]
        let prometheus = "prometheus http://127.0.0.1:9090 agent rapl.package-0"
        var readings: [AgentWindowReading] = []
        for (window, joules) in zip(windows, [20.0, 50.0]) {
            readings.append(AgentWindowReading(window: window, energy: NodeEnergyReading(
                node: Self.hostile, source: "agent http://10.0.0.5:9464 rapl.package-0", kind: .measured,
                energyJoules: joules, coverage: 1), busyCPUSeconds: 0.5))
            readings.append(AgentWindowReading(window: window, energy: NodeEnergyReading(
                node: "10.0.0.7", source: prometheus, kind: .measured, energyJoules: joules * 2,
                coverage: window.phase == "load" ? 0.5 : 1, notes: ["gap: <half>"]), busyCPUSeconds: nil))
        }
        try store.insertNodeEnergy(runID: id, readings)
        try store.insertNodeClocks(runID: id, [
            NodeClockRecord(node: Self.hostile, url: "http://10.0.0.5:9464", moment: .start,
                            alignment: ClockAlignment(offsetNanoseconds: 1_500_000, roundTripNanoseconds: 400_000,
                                                      rounds: 5), error: nil),
            NodeClockRecord(node: "10.0.0.7", url: "http://127.0.0.1:9090", moment: .start,
                            alignment: ClockAlignment(offsetNanoseconds: 0, roundTripNanoseconds: 1_000_000, rounds: 5),
                            error: nil),
        ])
        let report = try ReportBuilder(store: store).build(runID: id)
        let cluster = try #require(report.cluster)
        #expect(cluster.notes.contains(ClusterReportBuilder.prometheusClockNote))
        let page = try HTMLReport.render(report: report, store: store)
        let section = try #require(page.range(of: "<section id=\"cluster\">").map { String(page[$0.lowerBound...]) })
        #expect(!page.contains("<b>n&1</b>"))
        #expect(section.contains("<tr><td>&lt;b&gt;n&amp;1&lt;/b&gt;<br><span class=\"mono\">http://10.0.0.5:9464</span></td>"))
        #expect(section.contains("<td class=\"path\">\(prometheus)</td>"))
        #expect(section.contains("gap: &lt;half&gt;"))
        #expect(section.contains("<strong>all nodes</strong>"))
        // Totals: 70 J + 140 J; the per-node energy of the Prometheus node; its lowest coverage.
        let nbsp = "\u{00A0}"
        #expect(section.contains("210\(nbsp)J") && section.contains("140\(nbsp)J") && section.contains("50\(nbsp)%"))
        #expect(section.contains("1.5\(nbsp)ms"))
        #expect(section.contains("flag: nodes read from Prometheus"))
        #expect(!page.contains("<section id=\"kubernetes\">"))
    }

    @Test func kubernetesSectionListsNodesNamespacesAndReadings() throws {
        let (dir, store, id) = try run()
        defer { dir.remove() }
        var report = try ReportBuilder(store: store).build(runID: id)
        #expect(!HTMLReport.render(report: report, powerSeries: []).contains("<section id=\"cluster\">"))
        report.kubernetes = ReportKubernetes(
            server: "https://k8s.example:6443", context: Self.hostile, version: "v1.30.4", tlsVerified: true,
            nodes: [.init(name: "node-1", zone: "zone-a", instanceType: "SCS-4V-16", scsFlavor: "SCS-4V-16",
                          kubeletVersion: "v1.30.4")],
            namespaces: [.init(repetition: 1, name: "ecobench-1-1", deleted: true)],
            nodeEnergyMeasured: true, nodeEnergySources: ["agents (1)"],
            nodeEnergy: [.init(phase: "load", repetition: 1, node: "node-1", source: "agent http://n1:9464 rapl.psys",
                               kind: .measured, energyJ: 123, coverage: 1)],
            notes: ["note <x>"])
        let page = HTMLReport.render(report: report, powerSeries: [])
        let section = try #require(page.range(of: "<section id=\"kubernetes\">").map { String(page[$0.lowerBound...]) })
        #expect(section.contains("<td>node-1</td><td>zone-a</td><td>SCS-4V-16</td><td>SCS-4V-16</td><td>v1.30.4</td>"))
        #expect(section.contains("ecobench-1-1") && section.contains("agents (1)"))
        #expect(section.contains("&lt;b&gt;n&amp;1&lt;/b&gt;") && section.contains("note &lt;x&gt;"))
        #expect(section.contains("123\u{00A0}J"))
        #expect(!page.contains("<b>n&1</b>"))
    }
}
