import EcobenchModel

/// Power over time, one line per energy channel, over the run's phases shaded and labelled.
package struct SVGChartPower {
    package struct Band {
        package var repetition: Int
        package var phase: PhaseName
        package var startS: Double
        package var endS: Double
    }

    package var series: [HTMLPowerSeries]
    package var bands: [Band]
    package var durationS: Double
    package var width = 1000.0
    package var height = 360.0
    package let left = 64.0, right = 16.0, top = 46.0, bottom = 42.0

    package func render() -> String {
        let yMax = SVGChartScale.niceCeiling((series.compactMap(\.maxWatts).max() ?? 1) * 1.05)
        let x = SVGChartScale(domain: (0, durationS), range: (left, width - right))
        let y = SVGChartScale(domain: (0, yMax), range: (height - bottom, top))
        var svg = SVGChartFrame.open(title: "Power over time by energy source (W)", width: width, height: height)
        svg += renderBands(x: x, y: y)
        svg += renderAxes(x: x, y: y)
        for (index, item) in series.enumerated() {
            svg += renderLine(item, color: HTMLStyle.seriesColor(index), x: x, y: y)
        }
        svg += "</svg>\n"
        return svg
    }

    package func renderBands(x: SVGChartScale, y: SVGChartScale) -> String {
        let c = SVGChartScale.coordinate
        var out = "<g class=\"phases\">\n"
        for band in bands {
            let x0 = x(band.startS)
            let w = max(0, x(band.endS) - x0)
            let fill = HTMLStyle.phaseFill[band.phase] ?? "#cccccc"
            let tip = HTMLEscaping.escape("repetition \(band.repetition), \(band.phase.rawValue): "
                                          + "\(HTMLNumberFormat.number(band.startS)) – \(HTMLNumberFormat.number(band.endS)) s")
            out += "<rect x=\"\(c(x0))\" y=\"\(c(top))\" width=\"\(c(w))\" height=\"\(c(height - bottom - top))\" "
                + "fill=\"\(fill)\" fill-opacity=\"0.16\"><title>\(tip)</title></rect>\n"
            // The full name where it fits (about 6.5 px per character at 11 px), else its initial.
            let name = band.phase.rawValue
            let label = Double(name.count) * 6.5 + 4 <= w ? name : (w >= 9 ? String(name.prefix(1)) : "")
            if !label.isEmpty {
                out += "<text class=\"phase-label\" x=\"\(c(x0 + w / 2))\" y=\"\(c(top - 6))\" text-anchor=\"middle\" "
                    + "font-size=\"11\" fill=\"#444\">\(HTMLEscaping.escape(label))</text>\n"
            }
        }
        // Repetition brackets above the phase labels.
        for repetition in Set(bands.map(\.repetition)).sorted() {
            let own = bands.filter { $0.repetition == repetition }
            guard let start = own.map(\.startS).min(), let end = own.map(\.endS).max() else { continue }
            let x0 = x(start), x1 = x(end)
            out += "<path d=\"M\(c(x0 + 1)) \(c(top - 22))v-4H\(c(x1 - 1))v4\" fill=\"none\" stroke=\"#999\"/>\n"
            out += "<text x=\"\(c((x0 + x1) / 2))\" y=\"\(c(top - 30))\" text-anchor=\"middle\" font-size=\"11\" "
                + "fill=\"#333\">repetition \(repetition)</text>\n"
        }
        return out + "</g>\n"
    }

    package func renderAxes(x: SVGChartScale, y: SVGChartScale) -> String {
        let c = SVGChartScale.coordinate
        var out = "<g class=\"axes\" fill=\"#333\">\n"
        out += SVGChartFrame.valueAxis(y, label: "power (W)", width: width, height: height,
                                       left: left, right: right, top: top, bottom: bottom)
        for tick in x.ticks(count: 10) {
            let px = x(tick)
            out += "<line x1=\"\(c(px))\" x2=\"\(c(px))\" y1=\"\(c(height - bottom))\" y2=\"\(c(height - bottom + 4))\" "
                + "stroke=\"#666\"/><text x=\"\(c(px))\" y=\"\(c(height - bottom + 17))\" text-anchor=\"middle\">"
                + "\(HTMLNumberFormat.number(tick))</text>\n"
        }
        out += "<line x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(height - bottom))\" "
            + "y2=\"\(c(height - bottom))\" stroke=\"#666\"/>\n"
        out += "<text x=\"\(c((left + width - right) / 2))\" y=\"\(c(height - 6))\" text-anchor=\"middle\">"
            + "time since run start (s)</text>\n"
        return out + "</g>\n"
    }

    /// One path per channel; the line breaks where a bucket has no value. Estimates are dashed.
    package func renderLine(_ item: HTMLPowerSeries, color: String, x: SVGChartScale, y: SVGChartScale) -> String {
        let c = SVGChartScale.coordinate
        var d = ""
        var drawing = false
        for point in item.points {
            guard let watts = point.watts else {
                drawing = false
                continue
            }
            d += (drawing ? "L" : "M") + c(x(point.t)) + " " + c(y(watts))
            drawing = true
        }
        let dash = item.kind == .estimated ? " stroke-dasharray=\"7 3\"" : ""
        let label = HTMLEscaping.escape(item.name + (item.kind == .estimated ? " (estimated)" : " (measured)"))
        return "<path class=\"series\" data-source=\"\(HTMLEscaping.escape(item.name))\" d=\"\(d.isEmpty ? "M0 0" : d)\" "
            + "fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.6\" stroke-linejoin=\"round\"\(dash)>"
            + "<title>\(label)</title></path>\n"
    }
}
