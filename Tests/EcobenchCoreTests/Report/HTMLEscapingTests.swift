import EcobenchCore
import EcobenchTestSupport
import Foundation
import Testing

/// Text from the run cannot break out of the HTML or SVG, and the page marks provenance.
struct HTMLEscapingTests {
    @Test func escapesMarkupQuotesAndControlCharacters() {
        #expect(HTMLEscaping.escape(#"<a href="x">&'</a>"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;")
        #expect(HTMLEscaping.escape("tab\tnew\nline") == "tab\tnew\nline")
        #expect(HTMLEscaping.escape("bell\u{07}") == "bell\u{FFFD}")
        #expect(HTMLEscaping.escape("µJ · ±50 %") == "µJ · ±50 %")
        #expect(HTMLEscaping.element("td", "a<b") == "<td>a&lt;b</td>")
        #expect(HTMLEscaping.attribute("title", "x\"y") == "title=\"x&quot;y\"")
        #expect(HTMLEscaping.multiline("a<b\r\nc") == "a&lt;b<br>c")
    }

    @Test func quantitiesCarryUnitsAndPrefixes() {
        let nbsp = "\u{00A0}"
        #expect(HTMLNumberFormat.quantity(0.001475, "J/bogo-op") == "1.475\(nbsp)mJ/bogo-op")
        #expect(HTMLNumberFormat.quantity(170.2, "J") == "170.2\(nbsp)J")
        #expect(HTMLNumberFormat.quantity(12_345, "J") == "12.35\(nbsp)kJ")
        #expect(HTMLNumberFormat.quantity(481, "gCO2e/kWh") == "481\(nbsp)gCO2e/kWh")
        #expect(HTMLNumberFormat.quantity(50.05, "s") == "50.05\(nbsp)s")
        #expect(HTMLNumberFormat.quantity(nil, "J") == "–")
        #expect(HTMLNumberFormat.percent(0.5) == "50\(nbsp)%")
        #expect(HTMLNumberFormat.bytes(8 * 1_073_741_824) == "8\(nbsp)GiB")
    }

    @Test func hostileNamesArePrintedNotInterpreted() throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let store = try RunStore(path: dir.path + "/t.db")
        let id = try SyntheticRun.write(into: store, repetitions: [[
            .init(.baseline, seconds: 2, powerWatts: 20, busyCPUPerSecond: 0.1, workloadCPUPerSecond: 0),
            .init(.load, seconds: 2, powerWatts: 60, busyCPUPerSecond: 1.6, workloadCPUPerSecond: 1.2,
                  functionalUnits: 100),
        ]])
        var report = try ReportBuilder(store: store).build(runID: id)
        let hostile = #"<script>alert('x')</script> & "quoted""#
        report.run.workload = hostile
        report.run.description = hostile
        report.notes.append(hostile)
        report.host.cpuModel = hostile
        report.sources[0].path = "/sys/<img src=x onerror=alert(1)>"
        if !report.applications.isEmpty { report.applications[0].name = hostile }
        let page = try HTMLReport.render(report: report, store: store)
        #expect(!page.contains("<script"))
        #expect(!page.contains("<img"))
        #expect(page.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;"))
        #expect(page.contains("/sys/&lt;img src=x onerror=alert(1)&gt;"))
        // A measured run is never marked as an estimate.
        #expect(!page.contains("class=\"badge estimated\""))
        #expect(page.contains("class=\"badge measured\""))
        // Self-contained: nothing is fetched from anywhere.
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("url("))
        #expect(page.components(separatedBy: "<svg").count - 1 == 4)
    }
}
