/// One panel of a sweep's chart: lines with markers against throughput, optional error bars
/// (± expanded uncertainty) and a horizontal reference line (the latency objective).
package struct SVGChartSweep {
    package struct Point {
        package var x: Double
        package var y: Double
        package var error: Double?
        package var tip: String
    }

    package struct Series {
        package var name: String
        package var points: [Point]
    }

    package var title: String
    package var xLabel: String
    package var yLabel: String
    package var series: [Series]
    package var reference: (value: Double, label: String)?
    package var width = 1000.0
    package var height = 320.0
    package let left = 72.0, right = 150.0, top = 20.0, bottom = 44.0

    package func render() -> String {
        let c = SVGChartScale.coordinate
        let all = series.flatMap(\.points)
        let xMax = SVGChartScale.niceCeiling((all.map(\.x).max() ?? 1) * 1.02)
        let yTop = max(all.map { $0.y + ($0.error ?? 0) }.max() ?? 1, reference?.value ?? 0)
        let x = SVGChartScale(domain: (0, xMax), range: (left, width - right))
        let y = SVGChartScale(domain: (0, SVGChartScale.niceCeiling(yTop * 1.05)), range: (height - bottom, top))
        var svg = SVGChartFrame.open(title: title, width: width, height: height)
        svg += SVGChartFrame.valueAxis(y, label: yLabel, width: width, height: height, left: left, right: right,
                                       top: top, bottom: bottom)
        for tick in x.ticks(count: 6) {
            svg += "<text x=\"\(c(x(tick)))\" y=\"\(c(height - bottom + 16))\" text-anchor=\"middle\" fill=\"#333\">"
                + "\(HTMLNumberFormat.number(tick))</text>\n"
        }
        svg += "<text x=\"\(c((left + width - right) / 2))\" y=\"\(c(height - 6))\" text-anchor=\"middle\" fill=\"#333\">"
            + "\(HTMLEscaping.escape(xLabel))</text>\n"
        if let reference {
            svg += "<line class=\"slo\" x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(y(reference.value)))\" "
                + "y2=\"\(c(y(reference.value)))\" stroke=\"#d1495b\" stroke-dasharray=\"6 4\"/>"
                + "<text x=\"\(c(width - right + 6))\" y=\"\(c(y(reference.value) + 4))\" fill=\"#d1495b\">"
                + "\(HTMLEscaping.escape(reference.label))</text>\n"
        }
        for (index, item) in series.enumerated() {
            let color = HTMLStyle.seriesColor(index)
            let sorted = item.points.sorted { $0.x < $1.x }
            if sorted.count > 1 {
                let path = sorted.enumerated().map { ($0 == 0 ? "M" : "L") + "\(c(x($1.x))) \(c(y($1.y)))" }.joined()
                svg += "<path d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"/>\n"
            }
            for p in sorted {
                if let e = p.error, e > 0 {
                    svg += "<line x1=\"\(c(x(p.x)))\" x2=\"\(c(x(p.x)))\" y1=\"\(c(y(max(0, p.y - e))))\" "
                        + "y2=\"\(c(y(p.y + e)))\" stroke=\"\(color)\"/>\n"
                }
                svg += "<circle cx=\"\(c(x(p.x)))\" cy=\"\(c(y(p.y)))\" r=\"4\" fill=\"\(color)\">"
                    + "<title>\(HTMLEscaping.escape(p.tip))</title></circle>\n"
            }
            svg += "<text x=\"\(c(width - right + 6))\" y=\"\(c(top + 14 + Double(index) * 16))\" fill=\"\(color)\">"
                + "\(HTMLEscaping.escape(item.name))</text>\n"
        }
        return svg + "</svg>\n"
    }
}
