/// Points with error bars: one per repetition and the mean with its 95 % confidence interval.
package struct SVGChartInterval {
    package struct Point {
        package var label: String
        package var value: Double
        package var low: Double?
        package var high: Double?
        /// The mean across repetitions (drawn darker, its bar is the 95 % CI).
        package var isMean: Bool
    }

    package var title: String
    /// The unit of the values, e.g. `J/bogo-op`.
    package var unit: String
    package var points: [Point]
    package var estimated: Bool
    package var width = 1000.0
    package var height = 280.0
    package let left = 86.0, right = 16.0, top = 20.0, bottom = 40.0

    package func render() -> String {
        let c = SVGChartScale.coordinate
        let highest = points.map { max($0.value, $0.high ?? $0.value) }.max() ?? 1
        // Nice ticks in the unit's SI prefix: scale the values so the axis reads 0…1.5 mJ, not 0…0.0015.
        let prefix = HTMLNumberFormat.prefixFor(highest, unit: unit)
        let yMax = SVGChartScale.niceCeiling(highest / prefix.scale * 1.1)
        let y = SVGChartScale(domain: (0, yMax), range: (height - bottom, top))
        func py(_ value: Double) -> Double { y(value / prefix.scale) }
        let slot = (width - left - right) / Double(max(1, points.count))
        var svg = SVGChartFrame.open(title: title, width: width, height: height)
        let axis = "\(prefix.symbol)\(unit)" + (estimated ? ", estimated" : "")
        svg += SVGChartFrame.valueAxis(y, label: axis, width: width, height: height,
                                       left: left, right: right, top: top, bottom: bottom)
        for (index, point) in points.enumerated() {
            let x = left + (Double(index) + 0.5) * slot
            let color = point.isMean ? "#17324d" : "#1f6fb4"
            if let low = point.low, let high = point.high {
                svg += "<path class=\"errorbar\" d=\"M\(c(x)) \(c(py(max(0, low))))V\(c(py(high)))M\(c(x - 9)) "
                    + "\(c(py(max(0, low))))h18M\(c(x - 9)) \(c(py(high)))h18\" stroke=\"\(color)\" stroke-width=\"1.5\" "
                    + "fill=\"none\"/>\n"
            }
            let range = point.low.flatMap { low in point.high.map { high in
                " [" + HTMLNumberFormat.quantity(low, unit) + ", " + HTMLNumberFormat.quantity(high, unit) + "]" } } ?? ""
            let text = HTMLNumberFormat.quantity(point.value, unit) + (estimated ? " (estimated)" : "")
            let shape = point.isMean
                ? "<rect x=\"\(c(x - 6))\" y=\"\(c(py(point.value) - 6))\" width=\"12\" height=\"12\" fill=\"\(color)\">"
                : "<circle cx=\"\(c(x))\" cy=\"\(c(py(point.value)))\" r=\"5\" fill=\"\(color)\">"
            svg += shape + "<title>\(HTMLEscaping.escape(point.label + ": " + text + range))</title>"
                + (point.isMean ? "</rect>\n" : "</circle>\n")
            svg += "<text x=\"\(c(x + 14))\" y=\"\(c(py(point.value) + 4))\" font-size=\"11\" fill=\"#222\">"
                + "\(HTMLEscaping.escape(HTMLNumberFormat.quantity(point.value, unit)))</text>\n"
            svg += "<text x=\"\(c(x))\" y=\"\(c(height - bottom + 18))\" text-anchor=\"middle\" fill=\"#333\""
                + (point.isMean ? " font-weight=\"600\"" : "") + ">\(HTMLEscaping.escape(point.label))</text>\n"
        }
        svg += "<line x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(height - bottom))\" "
            + "y2=\"\(c(height - bottom))\" stroke=\"#666\"/>\n"
        return svg + "</svg>\n"
    }
}
