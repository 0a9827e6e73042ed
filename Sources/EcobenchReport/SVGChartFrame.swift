/// What every chart draws the same way: the opening `<svg>` with its accessible title, and the
/// value axis (horizontal grid lines with their labels, and the rotated axis title).
package enum SVGChartFrame {
    package static func open(title: String, width: Double, height: Double) -> String {
        """
        <svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(Int(width)) \(Int(height))" \
        role="img" aria-label="\(HTMLEscaping.escape(title))" font-family="inherit" font-size="12">
        <title>\(HTMLEscaping.escape(title))</title>

        """
    }

    /// Grid lines and labels at `y`'s ticks across [left, width − right], and `label` rotated
    /// beside the plot area [top, height − bottom].
    package static func valueAxis(_ y: SVGChartScale, label: String, width: Double, height: Double,
                                  left: Double, right: Double, top: Double, bottom: Double) -> String {
        let c = SVGChartScale.coordinate
        var svg = ""
        for tick in y.ticks(count: 5) {
            svg += "<line x1=\"\(c(left))\" x2=\"\(c(width - right))\" y1=\"\(c(y(tick)))\" y2=\"\(c(y(tick)))\" "
                + "stroke=\"#ddd\"/><text x=\"\(c(left - 6))\" y=\"\(c(y(tick) + 4))\" text-anchor=\"end\" fill=\"#333\">"
                + "\(HTMLNumberFormat.number(tick))</text>\n"
        }
        svg += "<text transform=\"translate(16 \(c((top + height - bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" "
            + "fill=\"#333\">\(HTMLEscaping.escape(label))</text>\n"
        return svg
    }
}
