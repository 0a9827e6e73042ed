/// Vertical stacked bars (one per category, grouped), with a legend and each bar's total.
package struct SVGChartStackedBars {
    package struct Segment {
        package var name: String
        package var color: String
    }

    package struct Bar {
        package var label: String
        /// Bars with the same group are drawn together under one group label (e.g. a repetition).
        package var group: String
        /// One value per segment, in `segments` order.
        package var values: [Double]
        package var total: Double { values.reduce(0) { $0 + max(0, $1) } }
    }

    package var title: String
    package var unit: String
    package var segments: [Segment]
    package var bars: [Bar]
    /// Marks the totals "(est.)" and the axis "estimated".
    package var estimated: Bool
    package var width = 1000.0
    package var height = 320.0
    package let left = 64.0, right = 16.0, top = 34.0, bottom = 58.0

    package func render() -> String {
        let c = SVGChartScale.coordinate
        let yMax = SVGChartScale.niceCeiling((bars.map(\.total).max() ?? 1) * 1.12)
        let y = SVGChartScale(domain: (0, yMax), range: (height - bottom, top))
        let groups = bars.reduce(into: [String]()) { if $0.last != $1.group { $0.append($1.group) } }
        let gap = groups.count > 1 ? 18.0 : 0
        let plotWidth = width - left - right - gap * Double(max(0, groups.count - 1))
        let slot = plotWidth / Double(max(1, bars.count))
        let barWidth = min(70, slot * 0.7)
        var svg = SVGChartFrame.open(title: title, width: width, height: height)
        let axisLabel = "energy (\(unit))" + (estimated ? ", estimated" : "")
        svg += SVGChartFrame.valueAxis(y, label: axisLabel, width: width, height: height,
                                       left: left, right: right, top: top, bottom: bottom)
        var xCursor = left
        var groupSpans: [(name: String, start: Double, end: Double)] = []
        for (index, bar) in bars.enumerated() {
            if index > 0 && bars[index - 1].group != bar.group { xCursor += gap }
            let center = xCursor + slot / 2
            var base = 0.0
            for (segmentIndex, value) in bar.values.enumerated() where value > 0 && segmentIndex < segments.count {
                let segment = segments[segmentIndex]
                let y0 = y(base), y1 = y(base + value)
                let tip = HTMLEscaping.escape("\(bar.group) \(bar.label), \(segment.name): "
                                              + HTMLNumberFormat.quantity(value, unit) + (estimated ? " (estimated)" : ""))
                svg += "<rect class=\"bar\" x=\"\(c(center - barWidth / 2))\" y=\"\(c(y1))\" width=\"\(c(barWidth))\" "
                    + "height=\"\(c(max(0, y0 - y1)))\" fill=\"\(segment.color)\"><title>\(tip)</title></rect>\n"
                base += value
            }
            let total = HTMLNumberFormat.quantity(bar.total, unit) + (estimated ? " (est.)" : "")
            svg += "<text x=\"\(c(center))\" y=\"\(c(y(base) - 5))\" text-anchor=\"middle\" font-size=\"11\" "
                + "fill=\"#222\">\(HTMLEscaping.escape(total))</text>\n"
            svg += "<text x=\"\(c(center))\" y=\"\(c(height - bottom + 16))\" text-anchor=\"middle\" fill=\"#333\">"
                + "\(HTMLEscaping.escape(bar.label))</text>\n"
            if let last = groupSpans.last, last.name == bar.group {
                groupSpans[groupSpans.count - 1].end = xCursor + slot
            } else {
                groupSpans.append((bar.group, xCursor, xCursor + slot))
            }
            xCursor += slot
        }
        for span in groupSpans where !span.name.isEmpty {
            svg += "<path d=\"M\(c(span.start + 4)) \(c(height - bottom + 24))v4H\(c(span.end - 4))v-4\" fill=\"none\" "
                + "stroke=\"#999\"/><text x=\"\(c((span.start + span.end) / 2))\" y=\"\(c(height - bottom + 42))\" "
                + "text-anchor=\"middle\" font-weight=\"600\" fill=\"#333\">\(HTMLEscaping.escape(span.name))</text>\n"
        }
        svg += "<line x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(height - bottom))\" "
            + "y2=\"\(c(height - bottom))\" stroke=\"#666\"/>\n"
        svg += legend()
        return svg + "</svg>\n"
    }

    /// Swatches and names in the top right corner.
    package func legend() -> String {
        let c = SVGChartScale.coordinate
        var out = "<g class=\"legend\" font-size=\"12\" fill=\"#333\">\n"
        var x = width - right
        for segment in segments.reversed() {
            let textWidth = Double(segment.name.count) * 7.4
            x -= textWidth + 34
            out += "<rect x=\"\(c(x))\" y=\"6\" width=\"12\" height=\"12\" fill=\"\(segment.color)\"/>"
                + "<text x=\"\(c(x + 16))\" y=\"16\">\(HTMLEscaping.escape(segment.name))</text>\n"
        }
        return out + "</g>\n"
    }
}
