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

    /// A node whose windows state edge 3 J and gap 4 J (no clock residual, no meter accuracy):
    /// by hand, per phase u_c = √(0² + 3² + 4²) = 5 J, U = 2 × 5 = 10 J; load 50 J: relatives
    /// 3/50 = 0.06, 4/50 = 0.08, U/50 = 0.2; baseline 20 J: 0.15, 0.2, U/20 = 0.5. Both the CSV
    /// (`node` and `phase` columns) and the cluster section carry each contribution.
    @Test func clusterNodePhaseBudgetsGoToTheCSVAndTheHTML() throws {
        let (dir, store, id) = try run()
        defer { dir.remove() }
        let base: Int64 = 1_700_000_000_000_000_000
        let windows = [ClusterWindow(phase: "baseline", repetition: 1, startUnixNanoseconds: base,
                                     endUnixNanoseconds: base + 2_000_000_000),
                       ClusterWindow(phase: "load", repetition: 1, startUnixNanoseconds: base + 2_000_000_000,
                                     endUnixNanoseconds: base + 4_000_000_000)]
        try store.insertNodeEnergy(runID: id, zip(windows, [20.0, 50.0]).map { window, joules in
            AgentWindowReading(window: window, energy: NodeEnergyReading(
                node: "node-a", source: "agent http://10.0.0.5:9464 rapl.package-0", kind: .measured,
                energyJoules: joules, coverage: 1, uncertainty: .init(edgeJ: 3, gapJ: 4, clockResidualMs: 0)),
                busyCPUSeconds: nil)
        })
        let report = try ReportBuilder(store: store).build(runID: id)

        let rows = CSVWriter.errorBudget(report).split(separator: "\n").map(String.init)
        #expect(rows.first?.hasPrefix("run_id,figure,application,node,repetition,phase,value,unit,contribution,") == true)
        let node = rows.filter { $0.hasPrefix("\(id),node_energy,,node-a,") }
        #expect(node.count == 6)  // 2 phases × (meter_accuracy, polling_staleness, gap_share)
        #expect(node.contains { $0.hasPrefix("\(id),node_energy,,node-a,1,load,50.0,J,polling_staleness,systematic,3.0,0.06,")
            && $0.hasSuffix(",5.0,2.0,10.0,0.2") })
        #expect(node.contains { $0.hasPrefix("\(id),node_energy,,node-a,1,load,50.0,J,gap_share,systematic,4.0,0.08,") })
        #expect(node.contains { $0.hasPrefix("\(id),node_energy,,node-a,1,load,50.0,J,meter_accuracy,systematic,0.0,0.0,")
            && $0.contains("accuracy is not stated") })
        #expect(node.contains { $0.hasPrefix("\(id),node_energy,,node-a,1,baseline,20.0,J,gap_share,systematic,4.0,0.2,")
            && $0.hasSuffix(",5.0,2.0,10.0,0.5") })
        // This host's own rows keep an empty node.
        #expect(rows.contains { $0.hasPrefix("\(id),node_energy,,,1,load,") })

        let page = HTMLReport.render(report: report, powerSeries: [])
        let section = try #require(page.range(of: "<section id=\"cluster\">").map { String(page[$0.lowerBound...]) })
        let sp = "\u{00A0}"
        #expect(section.contains("<h3>Error budget per node phase</h3>"))
        #expect(section.contains("<tr><td>node-a</td><td class=\"num\">1</td><td>load</td><td class=\"num\">50\(sp)J</td>"
            + "<td class=\"num\">5\(sp)J</td><td class=\"num\">10\(sp)J</td><td class=\"num\">20 %</td></tr>"))
        #expect(section.contains("<tr><td>node-a</td><td class=\"num\">1</td><td>baseline</td><td>gap_share</td>"
            + "<td>systematic</td><td class=\"num\">4\(sp)J</td><td class=\"num\">20 %</td><td>"))
        #expect(section.contains("<td>polling_staleness</td><td>systematic</td><td class=\"num\">3\(sp)J</td>"
            + "<td class=\"num\">6 %</td>"))
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
