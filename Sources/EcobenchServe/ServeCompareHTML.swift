import Foundation
import EcobenchAttribute
import EcobenchReport

/// `/compare`: `RunComparison` (what `ecobench compare` prints) as a table and a chart of each
/// run's energy per unit with its 95 % CI (inline SVG, no script).
package enum ServeCompareHTML {
    package static func render(_ comparison: RunComparison, links: ServeLinks) -> String {
        let e = HTMLEscaping.escape
        var out = "<header class=\"top\"><h1>Compare runs</h1><p class=\"sub\">per \(e(comparison.functionalUnit)); "
            + "baseline run \(comparison.runs.first.map { String($0.id) } ?? "—"); Welch's t-test at 5 %.</p></header>\n"
        out += "<section><h2>Energy per unit</h2>\n" + chart(comparison) + "\n"
        out += "<table class=\"runs\" id=\"compare-runs\"><thead><tr><th>run</th><th>workload</th><th>host</th>"
            + "<th>node energy kind</th><th>energy per unit (J)</th><th>95 % CI</th><th>n</th></tr></thead><tbody>\n"
        for run in comparison.runs {
            let s = run.energyPerUnitJ
            out += "<tr data-run=\"\(run.id)\"><td><a href=\"\(e(links.url("/runs/\(run.id)")))\">\(run.id)</a></td>"
                + "<td>\(e(run.workload))</td><td>\(e(run.host))</td><td>\(e(run.nodeEnergyKind.rawValue))</td>"
                + "<td class=\"num\">\(ServePage.number(s?.mean))</td>"
                + "<td class=\"num\">[\(ServePage.number(s?.ci95Low)), \(ServePage.number(s?.ci95High))]</td>"
                + "<td class=\"num\">\(s.map { String($0.n) } ?? "—")</td></tr>\n"
        }
        out += "</tbody></table></section>\n<section><h2>Differences against the baseline</h2>\n"
        out += "<table class=\"runs\" id=\"compare-differences\"><thead><tr><th>run</th><th>metric</th><th>difference</th>"
            + "<th>relative</th><th>95 % CI of the difference</th><th>p (Welch)</th><th>verdict</th></tr></thead><tbody>\n"
        for d in comparison.differences {
            let verdict = d.welch == nil ? "not testable" : (d.significant ? "significant" : "not significant")
            out += "<tr><td>\(d.run) vs \(d.baselineRun)</td><td>\(e(d.metric))</td>"
                + "<td class=\"num\">\(ServePage.number(d.difference))</td>"
                + "<td class=\"num\">\(d.relativeDifference.map { String(format: "%+.1f %%", $0 * 100) } ?? "—")</td>"
                + "<td class=\"num\">\(d.welch.map { "[\(ServePage.number($0.ci95Low)), \(ServePage.number($0.ci95High))]" } ?? "—")</td>"
                + "<td class=\"num\">\(ServePage.number(d.welch?.pValue, digits: 3))</td><td>\(verdict)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        for warning in comparison.warnings { out += "<p class=\"sub\">warning: \(e(warning))</p>\n" }
        out += "</section>\n"
        return ServePage.render(title: "ecobench compare", links: links, body: out)
    }

    /// One horizontal bar per run (mean) with a whisker over its CI; the axis starts at 0 or the lowest CI bound.
    static func chart(_ comparison: RunComparison) -> String {
        let rows = comparison.runs.map { (id: $0.id, stats: $0.energyPerUnitJ) }
        let values = rows.flatMap { r in [r.stats?.mean, r.stats?.ci95Low, r.stats?.ci95High].compactMap { $0 } }
            .filter(\.isFinite)
        let low = min(0, values.min() ?? 0), high = max(values.max() ?? 1, low + 1e-300)
        let width = 640.0, left = 80.0, right = 20.0, rowHeight = 28.0
        let height = Double(rows.count) * rowHeight + 30
        func x(_ v: Double) -> Double { left + (v - low) / (high - low) * (width - left - right) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        var svg = "<svg id=\"compare-chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" "
            + "height=\"\(Int(height))\" role=\"img\" aria-label=\"energy per unit by run, with 95 % CI\">"
        for (i, row) in rows.enumerated() {
            let y = Double(i) * rowHeight + 6
            svg += "<text x=\"4\" y=\"\(f(y + 14))\" font-size=\"12\">run \(row.id)</text>"
            guard let s = row.stats, s.mean.isFinite else { continue }
            svg += "<rect x=\"\(f(min(x(0), x(s.mean))))\" y=\"\(f(y))\" width=\"\(f(abs(x(s.mean) - x(0))))\" height=\"18\" "
                + "fill=\"\(HTMLStyle.seriesColor(i))\"><title>\(ServePage.number(s.mean)) J</title></rect>"
            if let lo = s.ci95Low, let hi = s.ci95High, lo.isFinite, hi.isFinite {
                svg += "<line x1=\"\(f(x(lo)))\" x2=\"\(f(x(hi)))\" y1=\"\(f(y + 9))\" y2=\"\(f(y + 9))\" "
                    + "stroke=\"#1d232b\" stroke-width=\"2\"/>"
            }
        }
        let axisY = Double(rows.count) * rowHeight + 10
        svg += "<line x1=\"\(f(left))\" x2=\"\(f(width - right))\" y1=\"\(f(axisY))\" y2=\"\(f(axisY))\" stroke=\"#56606c\"/>"
        svg += "<text x=\"\(f(left))\" y=\"\(f(axisY + 14))\" font-size=\"11\">\(ServePage.number(low))</text>"
        svg += "<text x=\"\(f(width - right))\" y=\"\(f(axisY + 14))\" font-size=\"11\" text-anchor=\"end\">"
            + "\(ServePage.number(high)) J</text>"
        return svg + "</svg>"
    }
}
