import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// A real short run's HTML report, rendered by headless Chromium: the charts are in the laid-out
/// DOM, the page says "estimated" where the node energy is one, and a screenshot is drawn.
@Suite(.serialized) struct HTMLReportTests {
    @Test func aRunsHTMLReportRendersInChromiumWithItsCharts() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let db = dir.path + "/e.db"
        let out = dir.path + "/reports"
        let result = try Exclusive.run { try CLI.run(["run", "Workloads/cpu-stress.yaml", "--db", db, "--out", out, "--repetitions", "2",
                                  "--baseline", "1", "--idle", "1", "--load", "2", "--cooldown", "1", "--quiet"]) }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let written = out + "/run-1/report.html"
        #expect(FileManager.default.fileExists(atPath: written), "run did not write report.html")
        let report = try ReportCoding.decoder().decode(
            Report.self, from: Data(contentsOf: URL(fileURLWithPath: out + "/run-1/report.json")))

        // `report --format html` regenerates it: to a file with --out, else to stdout.
        let regenerated = dir.path + "/again/report.html"
        let toFile = try CLI.run(["report", "1", "--db", db, "--format", "html", "--out", regenerated])
        #expect(toFile.status == 0, "\(toFile.stderr)")
        let toStdout = try CLI.run(["report", "1", "--db", db, "--format", "html"])
        #expect(toStdout.status == 0 && toStdout.stdout.hasPrefix("<!DOCTYPE html>"))
        let html = try String(contentsOfFile: regenerated, encoding: .utf8)
        #expect(html == toStdout.stdout)
        // Self-contained: no scripts, and nothing loaded from elsewhere (the only URL is the SVG namespace).
        for external in ["<script", "<link", "<img", "src=", "href=", "url(", "@import"] {
            #expect(!html.contains(external), "the page contains \(external)")
        }

        let dom = try Chromium.dumpDOM(of: regenerated)
        #expect(dom.status == 0, "chromium: \(dom.stderr.suffix(2000))")
        let page = dom.stdout
        // Power over time, energy by phase, energy by application, per-unit with CI.
        #expect(occurrences("<svg", in: page) >= 4, "\(occurrences("<svg", in: page)) charts")
        let energySources = report.sources.filter { $0.unit == "J" && $0.energyRole != nil }
        #expect(!energySources.isEmpty)
        for source in energySources {
            // One path per series, with line segments (not just a move).
            let marker = "data-source=\"\(source.name)\""
            let tail = try #require(page.range(of: marker).map { page[$0.upperBound...] }, "no series for \(source.name)")
            let d = tail.split(separator: ">", maxSplits: 1).first ?? ""
            #expect(d.contains("L"), "series \(source.name) has no line")
        }
        for phase in PhaseName.allCases {
            #expect(page.contains(">\(phase.rawValue)</text>"), "no phase label \(phase.rawValue)")
        }
        #expect(page.contains(">repetition 1</text>") && page.contains(">repetition 2</text>"))
        #expect(occurrences("class=\"bar\"", in: page) >= report.phases.count)
        #expect(page.contains("class=\"errorbar\""))
        for heading in ["Power over time", "Energy by phase and application", "Per functional unit",
                        "Method and provenance", "Hardware", "PCI devices"] {
            #expect(page.contains(heading), "missing section \(heading)")
        }
        if report.nodeEnergy.kind == .estimated {
            #expect(page.contains("class=\"badge estimated\">estimated</span>"))
            #expect(page.contains("The node energy is estimated, not measured"))
        }
        if !EndToEndTests.raplReadable {
            #expect(report.nodeEnergy.kind == .estimated, "this VM has no readable meter")
        }

        let png = dir.path + "/report.png"
        let shot = try Chromium.screenshot(of: regenerated, to: png, width: 1280, height: 2400)
        #expect(shot.status == 0, "chromium: \(shot.stderr.suffix(2000))")
        let image = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(image.count > 10_000, "screenshot is \(image.count) bytes")
        #expect(image.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
    }

    func occurrences(_ needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }
}
